using Serilog.Context;
using Tiketi.Silo.Observability;

namespace Tiketi.Api.Observability;

/// <summary>
/// Gives every request a correlation id: the client's <c>X-Correlation-Id</c> when it is a plain short
/// id, a new one otherwise. It is echoed in the response, pushed into the log context, and put into
/// Orleans' <c>RequestContext</c> so that every grain call of the request logs it too.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var offered = context.Request.Headers[Correlation.Header].ToString();
        var id = Correlation.IsValid(offered) ? offered : Correlation.NewId();
        context.Response.Headers[Correlation.Header] = id;
        RequestContext.Set(Correlation.RequestContextKey, id);
        using (LogContext.PushProperty(Correlation.LogProperty, id))
        {
            await next(context);
        }
    }
}
