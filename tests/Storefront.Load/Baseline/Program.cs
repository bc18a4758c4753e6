using System.Text;

// The baseline of the load test: the least an ASP.NET Core app on Kestrel can do per request, a fixed small HTML page,
// measured on the same machine, in the same run, with the same settings as the shop (Release, logging at Warning).
//   dotnet run -c Release --project tests/Storefront.Load/Baseline -- --urls http://127.0.0.1:5009
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

var page = Encoding.UTF8.GetBytes(
    "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>基准</title></head>" +
    "<body><main><h1>消费帮扶采购平台</h1><p>一个固定的小页面。</p></main></body></html>");

app.MapGet("/", (HttpContext context) =>
{
    context.Response.ContentType = "text/html; charset=utf-8";
    context.Response.ContentLength = page.Length;
    return context.Response.Body.WriteAsync(page).AsTask();
});

app.Run();
