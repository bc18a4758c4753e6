using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Storefront.Platform832.Client;

namespace Storefront.Platform832.Tests.Client;

/// <summary>Every code of API.md section 2 read from a canned answer: its typed outcome, and whether the call tried again.</summary>
public class EnvelopeTests
{
    private sealed class Canned(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (status == HttpStatusCode.TooManyRequests) response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMilliseconds(1));
            return Task.FromResult(response);
        }
    }

    private static (Platform832Client Client, Canned Handler) ClientAnswering(HttpStatusCode status, string body)
    {
        var handler = new Canned(status, body);
        var options = Options.Create(new Platform832Options
        {
            BaseUrl = "http://platform.test/", AppKey = "k", AppSecret = "s", RequestsPerSecond = 1000,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(2),
        });
        return (new Platform832Client(new HttpClient(handler), options, new RequestSpacer(TimeProvider.System, 1000), TimeProvider.System, NullLogger<Platform832Client>.Instance), handler);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, 40001, Platform832Outcome.ValidationFailed, 1)]
    [InlineData(HttpStatusCode.Unauthorized, 40101, Platform832Outcome.BadSignature, 1)]
    [InlineData(HttpStatusCode.Unauthorized, 40102, Platform832Outcome.TimestampRejected, 2)]
    [InlineData(HttpStatusCode.Unauthorized, 40103, Platform832Outcome.NonceReplayed, 3)]
    [InlineData(HttpStatusCode.NotFound, 40401, Platform832Outcome.NotFound, 1)]
    [InlineData(HttpStatusCode.Conflict, 40901, Platform832Outcome.StaleRevision, 1)]
    [InlineData(HttpStatusCode.TooManyRequests, 42901, Platform832Outcome.RateLimited, 6)]
    [InlineData(HttpStatusCode.InternalServerError, 50001, Platform832Outcome.PlatformFault, 4)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 50301, Platform832Outcome.PlatformUnavailable, 4)]
    public async Task EachCodeIsItsOutcomeAndIsRetriedOnlyWhereTheContractAllows(HttpStatusCode status, int code, Platform832Outcome outcome, int requests)
    {
        var (client, handler) = ClientAnswering(status, $$$"""{"code":{{{code}}},"message":"m","requestId":"r1","data":{"errors":[{"field":"title","reason":"TOO_LONG"}],"currentRevision":9}}""");
        var result = await client.GetSupplierAsync("S1");
        Assert.Equal(outcome, result.Outcome);
        Assert.Equal((int)status, result.HttpStatus);
        Assert.Equal("r1", result.RequestId);
        Assert.Equal(requests, handler.Calls);
        Assert.Equal(requests, result.Attempts);
        if (outcome == Platform832Outcome.ValidationFailed) Assert.Equal([new FieldError("title", "TOO_LONG")], result.FieldErrors);
        if (outcome == Platform832Outcome.StaleRevision) Assert.Equal(9, result.CurrentRevision);
    }

    [Fact]
    public async Task UnknownFieldsInAnAnswerAreIgnored()
    {
        var (client, _) = ClientAnswering(HttpStatusCode.OK,
            """{"code":0,"message":"ok","requestId":"r","extra":1,"data":{"supplierCode":"S1","name":"社","creditCode":null,"countyCode":"433127","status":"ACTIVE","rating":5}}""");
        var result = await client.GetSupplierAsync("S1");
        Assert.Equal("S1", result.Value.SupplierCode);
    }

    [Fact]
    public async Task AnAnswerThatIsNotTheEnvelopeIsUnexpectedAndRetriedOnlyWhenItIsAServerError()
    {
        var (client, handler) = ClientAnswering(HttpStatusCode.BadGateway, "<html>bad gateway</html>");
        Assert.Equal(Platform832Outcome.UnexpectedResponse, (await client.GetCategoriesAsync()).Outcome);
        Assert.Equal(4, handler.Calls);
        var (notFound, notFoundHandler) = ClientAnswering(HttpStatusCode.NotFound, "<html>no</html>");
        Assert.Equal(Platform832Outcome.UnexpectedResponse, (await notFound.GetCategoriesAsync()).Outcome);
        Assert.Equal(1, notFoundHandler.Calls);
    }
}
