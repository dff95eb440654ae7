using Tiketi.Api.Accounts;
using Tiketi.Api.Errors;
using Tiketi.Api.Admin;
using Tiketi.Api.Events;
using Tiketi.Api.Hosting;
using Tiketi.Api.Live;
using Tiketi.Api.Observability;
using Tiketi.Api.Orders;
using Tiketi.Api.Queue;
using Tiketi.Api.Seating;
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
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.MapTiketiApiDefaults();
app.MapTiketiMetrics();
app.MapEventEndpoints();
app.MapQueueEndpoints();
app.MapHoldEndpoints();
app.MapOrderEndpoints();
app.MapTicketQrEndpoints();
app.MapAdminEventEndpoints();
app.MapAdminOrderEndpoints();
app.MapCheckInEndpoints();
app.MapSaleHub();
app.MapAuthEndpoints();
app.MapTiketiDashboard();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
