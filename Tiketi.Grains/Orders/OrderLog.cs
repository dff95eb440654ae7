using Microsoft.Extensions.Logging;

namespace Tiketi.Orders;

/// <summary>What orders and their checkout ledger log.</summary>
public static partial class OrderLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: an interrupted checkout was charged; finishing it")]
    public static partial void Settling(ILogger logger, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: settling its checkout failed; asking again on the next tick")]
    public static partial void SettleFailed(ILogger logger, Exception exception, string orderId);
}
