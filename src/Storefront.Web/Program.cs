using Storefront.Web.Setup;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = WebRoot.Locate() });

builder.AddStorefrontPublicAddress();
builder.AddStorefrontData();
builder.AddStorefrontIdentity();
builder.AddStorefrontSecurity();
builder.AddStorefrontLocalization();
builder.AddStorefrontPhotos();
builder.AddStorefrontSuppliers();
builder.AddStorefrontMail();
builder.AddStorefrontPlatform832();
builder.AddStorefrontPages();
builder.AddStorefrontQuotas();
builder.AddStorefrontOrdering();
builder.AddStorefrontPayments();
builder.AddStorefrontPerformance();

var app = builder.Build();

app.UseStorefrontPipeline();
await app.PrepareDatabaseAsync();
if (await app.RunQuotaCommandAsync(args)) return;

app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
