using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Tiketi.Silo.Observability;

/// <summary>Adds the request's correlation id to log events written inside a grain call (the API adds it from its middleware).</summary>
public sealed class CorrelationIdEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (Correlation.Current is { } id)
        {
            logEvent.AddPropertyIfAbsent(new LogEventProperty(Correlation.LogProperty, new ScalarValue(id)));
        }
    }
}

/// <summary>
/// The last line of defence against secrets in logs: properties whose names say secret (password, token,
/// authorization, signing key, card, connection string, queue pass, ...) and any value shaped like a JWT are
/// replaced by <see cref="Mask"/>, at any depth of a destructured object. Code should not log them at all.
/// </summary>
public sealed partial class SecretRedactionEnricher : ILogEventEnricher
{
    public const string Mask = "***";
    private static readonly ScalarValue Masked = new(Mask);

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        List<LogEventProperty>? replaced = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var clean = Clean(name, value);
            if (!ReferenceEquals(clean, value))
            {
                (replaced ??= []).Add(new LogEventProperty(name, clean));
            }
        }

        replaced?.ForEach(logEvent.AddOrUpdateProperty);
    }

    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    private static LogEventPropertyValue Clean(string name, LogEventPropertyValue value)
    {
        if (IsSecretName(name))
        {
            return Masked;
        }

        switch (value)
        {
            case ScalarValue { Value: string text } when JwtShape().IsMatch(text):
                return Masked;
            case StructureValue structure:
                var properties = structure.Properties.Select(p => new LogEventProperty(p.Name, Clean(p.Name, p.Value))).ToList();
                return properties.Zip(structure.Properties).All(p => ReferenceEquals(p.First.Value, p.Second.Value))
                    ? value
                    : new StructureValue(properties, structure.TypeTag);
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(e => Clean("", e)).ToList();
                return elements.Zip(sequence.Elements).All(p => ReferenceEquals(p.First, p.Second)) ? value : new SequenceValue(elements);
            default:
                return value;
        }
    }

    [GeneratedRegex("(?i)(password|passwd|pwd|secret|token|authorization|cookie|credential|signingkey|apikey|api_key|connectionstring|cardnumber|^card$|^pass$|queuepass|x-queue-pass)")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")]
    private static partial Regex JwtShape();
}
