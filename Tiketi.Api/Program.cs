using Tiketi.Api.Errors;
using Tiketi.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddTiketiOrleans();
builder.AddTiketiProblemDetails();

var app = builder.Build();
app.UseTiketiProblemDetails();
app.MapGet("/health/live", () => TypedResults.Ok("live"));
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
