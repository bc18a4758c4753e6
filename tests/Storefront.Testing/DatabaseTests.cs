using Xunit;

namespace Storefront.Testing;

/// <summary>
/// The base of tests that run on both databases: a concrete class per provider passes its factory
/// (StorefrontFactory for SQLite, PostgreSqlStorefrontFactory), and every test starts from <see cref="Client"/>.
/// </summary>
public abstract class DatabaseTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : StorefrontFactory
{
    protected TFactory Factory { get; } = factory;

    /// <summary>A client of the shop, after skipping (or failing, where required) when the database cannot run here.</summary>
    protected HttpClient Client()
    {
        Factory.RequireDatabase();
        return Factory.CreateClient();
    }

    /// <summary>A client already signed in through the sign-in form.</summary>
    protected async Task<HttpClient> SignedInClientAsync(string email)
    {
        var client = Client();
        await client.SignInAsync(email);
        return client;
    }
}
