namespace Tiketi.Api.Live;

/// <summary>The SignalR groups the relay pushes to: the watchers of an event, the connections of a buyer.</summary>
public static class SaleGroups
{
    public static string Event(string eventId) => $"event:{eventId}";

    public static string Buyer(string buyerId) => $"buyer:{buyerId}";
}
