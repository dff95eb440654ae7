using System.Globalization;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;

namespace Tiketi.Silo.Schema;

/// <summary>Routes DbUp's progress messages into our structured log, one level each.</summary>
internal sealed partial class DbUpLog(ILogger logger) : IUpgradeLog
{
    public void LogTrace(string format, params object[] args) => Trace(logger, new(format, args));

    public void LogDebug(string format, params object[] args) => Debug(logger, new(format, args));

    public void LogInformation(string format, params object[] args) => Information(logger, new(format, args));

    public void LogWarning(string format, params object[] args) => Warning(logger, new(format, args));

    public void LogError(string format, params object[] args) => Error(logger, null, new(format, args));

    public void LogError(Exception ex, string format, params object[] args) => Error(logger, ex, new(format, args));

    [LoggerMessage(Level = LogLevel.Trace, Message = "DbUp: {Message}")]
    private static partial void Trace(ILogger logger, DbUpMessage message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DbUp: {Message}")]
    private static partial void Debug(ILogger logger, DbUpMessage message);

    [LoggerMessage(Level = LogLevel.Information, Message = "DbUp: {Message}")]
    private static partial void Information(ILogger logger, DbUpMessage message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DbUp: {Message}")]
    private static partial void Warning(ILogger logger, DbUpMessage message);

    [LoggerMessage(Level = LogLevel.Error, Message = "DbUp: {Message}")]
    private static partial void Error(ILogger logger, Exception? exception, DbUpMessage message);

    /// <summary>DbUp's composite format ("Executing script {0}"), formatted only if it is logged.</summary>
    private readonly struct DbUpMessage(string format, object[] args)
    {
        public override string ToString() =>
            args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
    }
}
