using Tiketi.Api.Accounts;
using Tiketi.Api.Errors;
using Tiketi.Api.Hosting;
using Tiketi.Api.Live;
using Tiketi.Api.Observability;
using Tiketi.Api.Security;
using Tiketi.Api.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddTiketiObservability();
builder.AddTiketiSecurity();
builder.AddTiketiOrleans();
builder.AddTiketiProblemDetails();
builder.AddTiketiAuth();
builder.AddTiketiApiDefaults();
builder.AddTiketiLive();

var app = builder.Build();
app.UseTiketiProblemDetails();
app.UseTiketiSecurity();
app.UseTiketiWebPages();
app.UseScalarContentSecurity();
app.UseAuthentication();
app.UseDashboardSignIn();
app.UseRateLimiter();
app.UseAuthorization();
app.MapTiketiEndpoints();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
