namespace Storefront.Web.Security;

public static class Policies
{
    public const string Admin = "Admin";
}
