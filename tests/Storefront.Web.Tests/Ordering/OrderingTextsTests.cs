using System.Xml.Linq;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;

namespace Storefront.Web.Tests.Ordering;

/// <summary>Texts the pages pick by an enum's name ($"OrderStatus.{status}") exist for every value, in both languages.</summary>
public class OrderingTextsTests
{
    private static HashSet<string> Keys(string file, [System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        XDocument.Load(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "Storefront.Web", "Resources", file)).Root!
            .Elements("data").Select(e => e.Attribute("name")!.Value).ToHashSet();

    public static TheoryData<string> Families() => new()
    {
        "OrderStatus", "OrderEvent", "Cancellation", "Notification", "OrderOutcome", "Refusal", "QuickOrder.Refusal",
        "PaymentMethod", "OrganisationType", "VerificationStatus", "Role", "AdminOrganisations.Done", "QuickOrder.FileProblem",
        "FapiaoKind", "Fapiao.FileProblem", "Fapiao.Outcome",
    };

    private static IEnumerable<string> Names(string family) => family switch
    {
        "OrderStatus" => Enum.GetNames<OrderStatus>(),
        "OrderEvent" => Enum.GetNames<OrderEventKind>(),
        "Cancellation" => Enum.GetNames<CancellationKind>(),
        "Notification" => Enum.GetNames<NotificationKind>(),
        "OrderOutcome" => Enum.GetNames<OrderWorkflow.Outcome>(),
        "Refusal" => Enum.GetNames<Cart.Refusal>().Concat(Enum.GetNames<LineProblem>().Where(p => p != "None")),
        "QuickOrder.Refusal" => Enum.GetNames<QuickOrder.Refusal>(),
        "PaymentMethod" => Enum.GetNames<PaymentMethod>(),
        "OrganisationType" => Enum.GetNames<OrganisationType>(),
        "VerificationStatus" => Enum.GetNames<VerificationStatus>(),
        "Role" => ["Buyer", "Approver", "OrgAdmin"],
        "AdminOrganisations.Done" => Enum.GetNames<OrganisationVerification.Decision>(),
        "QuickOrder.FileProblem" => Enum.GetNames<Web.Tables.TableFiles.Problem>().Where(p => p != "None"),
        "FapiaoKind" => Enum.GetNames<Core.Fapiao.FapiaoKind>(),
        "Fapiao.FileProblem" => Enum.GetNames<Core.Fapiao.FapiaoFiles.Problem>(),
        "Fapiao.Outcome" => Enum.GetNames<Core.Fapiao.FapiaoDesk.Outcome>(),
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void EveryValueHasItsTextInChineseAndEnglish(string family)
    {
        foreach (var file in new[] { "SharedResource.resx", "SharedResource.en.resx" })
        {
            var keys = Keys(file);
            Assert.All(Names(family), name => Assert.Contains($"{family}.{name}", keys));
        }
    }

    [Fact]
    public void EveryProblemOfARegistrationHasItsText()
    {
        var keys = Keys("SharedResource.resx");
        foreach (var problem in Enum.GetNames<UnifiedSocialCreditCode.Problem>().Where(p => p != "None").Append("Taken"))
            Assert.Contains($"OrganisationProblem.CreditCode.{problem}", keys);
        foreach (var verdict in new[] { "MalformedCode", "UnknownCode", "NotACounty" })
            Assert.Contains($"OrganisationProblem.RegionCode.{verdict}", keys);
    }
}
