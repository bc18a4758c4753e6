using Storefront.Web.Setup;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = WebRoot.Locate() });

builder.AddStorefrontData();
builder.AddStorefrontIdentity();
builder.AddStorefrontSecurity();
builder.AddStorefrontLocalization();
builder.AddStorefrontPhotos();
builder.AddStorefrontMail();
builder.AddStorefrontPages();
builder.AddStorefrontOrdering();

var app = builder.Build();

app.UseStorefrontPipeline();
await app.PrepareDatabaseAsync();

app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
