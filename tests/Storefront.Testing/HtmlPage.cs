using Microsoft.EntityFrameworkCore;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Storefront.Testing;

/// <summary>A page as a browser would get it: status, headers and the parsed document, with its forms to submit.</summary>
public sealed class HtmlPage(HttpResponseMessage response, IHtmlDocument document, string body)
{
    private static readonly HtmlParser Parser = new();

    public HttpResponseMessage Response { get; } = response;
    public IHtmlDocument Document { get; } = document;
    public string Body { get; } = body;
    public HttpStatusCode Status => Response.StatusCode;
    public Uri? Url => Response.RequestMessage?.RequestUri;

    public static async Task<HtmlPage> FromAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return new HtmlPage(response, Parser.ParseDocument(body), body);
    }

    public IElement? Find(string selector) => Document.QuerySelector(selector);
    public IElement Get(string selector) => Find(selector) ?? throw new InvalidOperationException($"No element matches '{selector}' on {Url}: {Truncated}");
    public IReadOnlyList<IElement> All(string selector) => Document.QuerySelectorAll(selector).ToList();
    public string Text(string selector) => Get(selector).TextContent.Trim();
    public string Title => Document.Title?.Trim() ?? "";

    /// <summary>The messages of validation errors shown beside fields and in the summary.</summary>
    public IReadOnlyList<string> Errors => All(".field-error, .form-errors li, .field-error-list li")
        .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();

    private string Truncated => Body.Length > 2000 ? Body[..2000] : Body;

    /// <summary>
    /// Submits a form with its current values (antiforgery token included), changed by the given fields. Streamed, the
    /// body goes without a Content-Length (chunked), as a client streaming a large upload may send it.
    /// </summary>
    public Task<HtmlPage> SubmitAsync(HttpClient client, string formSelector, IEnumerable<KeyValuePair<string, string>>? fields = null,
        string? submitName = null, string? submitValue = null, IEnumerable<(string Name, string FileName, byte[] Content, string ContentType)>? files = null,
        bool streamed = false)
    {
        var form = (IHtmlFormElement)Get(formSelector);
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button" or "file"):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked) break;
                    values.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values.Add(new(select.Name, select.Value ?? ""));
                    break;
            }
        }
        foreach (var (name, value) in fields ?? [])
        {
            values.RemoveAll(v => v.Key == name);
            values.Add(new(name, value));
        }
        if (submitName is not null) values.Add(new(submitName, submitValue ?? ""));

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? Url!.PathAndQuery : action;
        HttpContent content;
        if (form.Enctype == "multipart/form-data" || files is not null)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in values) multipart.Add(new StringContent(value), name);
            foreach (var (name, fileName, bytes, type) in files ?? [])
            {
                var file = new ByteArrayContent(bytes);
                file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
                multipart.Add(file, name, fileName);
            }
            content = multipart;
        }
        else
        {
            content = new FormUrlEncodedContent(values);
        }
        return client.PostPageAsync(target, streamed ? new UnknownLength(content) : content);
    }

    /// <summary>Content whose length is not known in advance, so that HttpClient sends it chunked.</summary>
    private sealed class UnknownLength : HttpContent
    {
        private readonly HttpContent _inner;

        public UnknownLength(HttpContent inner)
        {
            _inner = inner;
            foreach (var header in inner.Headers.Where(h => h.Key != "Content-Length")) Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => _inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

public static class HtmlClientExtensions
{
    public static async Task<HtmlPage> GetPageAsync(this HttpClient client, string url) =>
        await HtmlPage.FromAsync(await client.GetAsync(url));

    public static async Task<HtmlPage> PostPageAsync(this HttpClient client, string url, HttpContent content) =>
        await HtmlPage.FromAsync(await client.PostAsync(url, content));

    /// <summary>Signs in through the sign-in form, as a person does.</summary>
    public static async Task<HtmlPage> SignInAsync(this HttpClient client, string email, string password = Web.Demo.DemoData.Password)
    {
        var form = await client.GetPageAsync("/account/sign-in");
        var result = await form.SubmitAsync(client, "#sign-in-form", [new("Input.Email", email), new("Input.Password", password)]);
        if (result.Find("#sign-out") is null)
            throw new InvalidOperationException($"Sign-in of {email} failed: {string.Join("; ", result.Errors)}");
        return result;
    }
}

/// <summary>The account steps a person takes with the shop's mail: register, open the mailed link, sign in.</summary>
public static class AccountSteps
{
    /// <summary>The path and query of the last link to the shop mailed to the address whose path starts as given.</summary>
    public static Task<string> MailedLinkAsync(this StorefrontFactory factory, string to, string pathStart) => factory.WithDbAsync(async db =>
    {
        var bodies = await db.OutgoingMails.Where(m => m.To == to).OrderByDescending(m => m.Id).Select(m => m.TextBody).ToListAsync();
        var link = bodies.Select(b => System.Text.RegularExpressions.Regex.Match(b, @"https?://\S+?(" + System.Text.RegularExpressions.Regex.Escape(pathStart) + @"\S*)"))
            .FirstOrDefault(m => m.Success);
        return link?.Groups[1].Value ?? throw new InvalidOperationException($"No mail to {to} links to {pathStart}: {string.Join(" / ", bodies)}");
    });

    /// <summary>Registers through the form, opens the confirmation link from the mail and signs in; the client is then signed in.</summary>
    public static async Task<HtmlPage> RegisterAndSignInAsync(this StorefrontFactory factory, HttpClient client, string email, string password,
        string displayName = "测试用户", string? returnUrl = null)
    {
        var form = await client.GetPageAsync("/account/register" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl)));
        var sent = await form.SubmitAsync(client, "#register-form",
            [new("Input.DisplayName", displayName), new("Input.Email", email), new("Input.Password", password), new("Input.ConfirmPassword", password)]);
        if (sent.Find("#check-mail-text") is null) throw new InvalidOperationException($"Registering {email} failed: {string.Join("; ", sent.Errors)}");
        var confirmed = await client.GetPageAsync(await factory.MailedLinkAsync(email, "/account/confirm-email"));
        var signIn = await client.GetPageAsync(confirmed.Get("#confirmed-sign-in").GetAttribute("href")!);
        var result = await signIn.SubmitAsync(client, "#sign-in-form", [new("Input.Email", email), new("Input.Password", password)]);
        if (result.Find("#sign-out") is null) throw new InvalidOperationException($"Sign-in of {email} failed: {string.Join("; ", result.Errors)}");
        return result;
    }
}
