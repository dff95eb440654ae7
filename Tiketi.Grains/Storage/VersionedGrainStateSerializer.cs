using System.Buffers;
using Orleans.Serialization;
using Orleans.Storage;

namespace Tiketi.Storage;

/// <summary>
/// Grain state as compact, versioned binary: a 3-byte envelope ("TK" and a format version) followed by
/// Orleans' own serializer, which is version tolerant field by field ([Id]s). Every TIKETI storage
/// provider uses it (PostgreSQL and the in-memory storage of the embedded host and tests), instead of
/// Orleans' default of Newtonsoft JSON with type names, which is several times larger and slower.
/// </summary>
/// <remarks>
/// The envelope exists so a later format (another serializer, compression) can be told apart from this
/// one and read side by side: a reader refuses what it does not know instead of misreading it. Rows
/// written before this format (the ADO.NET provider's JSON) are read by the PostgreSQL provider's
/// legacy reader, not here; see docs/operations.md.
/// </remarks>
public sealed class VersionedGrainStateSerializer(Serializer serializer) : IGrainStorageSerializer
{
    /// <summary>The format this version writes: Orleans' serializer.</summary>
    public const byte FormatVersion = 1;

    private const byte Magic0 = (byte)'T';
    private const byte Magic1 = (byte)'K';
    private const int EnvelopeLength = 3;

    public BinaryData Serialize<T>(T? input)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var envelope = buffer.GetSpan(EnvelopeLength);
        envelope[0] = Magic0;
        envelope[1] = Magic1;
        envelope[2] = FormatVersion;
        buffer.Advance(EnvelopeLength);
        serializer.Serialize(input, buffer);
        return new BinaryData(buffer.WrittenMemory);
    }

    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var bytes = input.ToMemory();
        var header = bytes.Span;
        if (header.Length < EnvelopeLength || header[0] != Magic0 || header[1] != Magic1)
        {
            throw new InvalidDataException(
                $"Stored grain state of {typeof(T).Name} is not in TIKETI's binary format (no envelope); it was written by another serializer.");
        }

        if (header[2] != FormatVersion)
        {
            throw new InvalidDataException(
                $"Stored grain state of {typeof(T).Name} has format version {header[2]}; this version of TIKETI reads version {FormatVersion}.");
        }

        return serializer.Deserialize<T>(bytes[EnvelopeLength..]);
    }
}
