using Tiketi.Api.Accounts;
using Tiketi.Api.Admin;
using Tiketi.Api.Audit;
using Tiketi.Api.Events;
using Tiketi.Api.Live;
using Tiketi.Api.Observability;
using Tiketi.Api.Orders;
using Tiketi.Api.Queue;
using Tiketi.Api.Seating;
using Tiketi.Api.Waitlist;
using Tiketi.Api.Web;

namespace Tiketi.Api.Hosting;

/// <summary>The table of contents of the public surface: every feature maps its own routes.</summary>
public static class TiketiEndpoints
{
    public static WebApplication MapTiketiEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapTiketiApiDefaults();
        app.MapTiketiMetrics();

        // Buyers
        app.MapAuthEndpoints();
        app.MapEventEndpoints();
        app.MapQueueEndpoints();
        app.MapHoldEndpoints();
        app.MapOrderEndpoints();
        app.MapWaitlistEndpoints();
        app.MapTicketQrEndpoints();
        app.MapTicketDocumentsEndpoints();
        app.MapSaleHub();

        // Operators
        app.MapAdminEventEndpoints();
        app.MapAdminOrderEndpoints();
        app.MapAuditEndpoints();
        app.MapCheckInEndpoints();
        app.MapTiketiDashboard();
        return app;
    }
}
