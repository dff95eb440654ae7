using Tiketi.Api.Errors;
using Tiketi.Api.Admin;
using Tiketi.Api.Events;
using Tiketi.Api.Hosting;
using Tiketi.Api.Orders;
using Tiketi.Api.Queue;
using Tiketi.Api.Seating;
using Tiketi.Api.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddTiketiSecurity();
builder.AddTiketiOrleans();
builder.AddTiketiProblemDetails();
builder.AddTiketiApiDefaults();

var app = builder.Build();
app.UseTiketiProblemDetails();
app.UseTiketiSecurity();
app.UseRateLimiter();
app.MapTiketiApiDefaults();
app.MapEventEndpoints();
app.MapQueueEndpoints();
app.MapHoldEndpoints();
app.MapOrderEndpoints();
app.MapAdminEventEndpoints();
app.MapAdminOrderEndpoints();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
