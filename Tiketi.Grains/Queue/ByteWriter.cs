using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Tiketi.Queue;

/// <summary>
/// The queue's binary encoding for journal records and snapshots: LEB128 varints, zigzag for signed
/// values, and buyer ids as 16 raw bytes when they are 32 lowercase hex digits (account ids are GUIDs),
/// else UTF-8. Written by hand because a place must cost ~20 bytes: a general serializer spends more
/// than that on type and field headers per event. Rare, evolving values (settings, schedule) go as JSON,
/// so a field added to them is carried without touching this format.
/// </summary>
internal sealed class ByteWriter
{
    private const byte Utf8Id = 0;
    private const byte HexId = 1;

    private readonly ArrayBufferWriter<byte> _buffer;

    public ByteWriter(int capacity = 256) => _buffer = new ArrayBufferWriter<byte>(capacity);

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void Clear() => _buffer.Clear();

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void UInt(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _buffer.Advance(i);
    }

    public void Int(long value) => UInt((ulong)((value << 1) ^ (value >> 63)));

    public void Fixed64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void Double(double value) => Fixed64(BitConverter.DoubleToUInt64Bits(value));

    /// <summary>A point in time as UTC ticks (the offset is not kept: times compare by instant).</summary>
    public void Time(DateTimeOffset value) => Int(value.UtcTicks);

    public void Buyer(string buyerId)
    {
        if (IsLowerHex32(buyerId))
        {
            Byte(HexId);
            Convert.FromHexString(buyerId, _buffer.GetSpan(16), out _, out var written);
            _buffer.Advance(written);
            return;
        }

        Byte(Utf8Id);
        var count = Encoding.UTF8.GetByteCount(buyerId);
        UInt((ulong)count);
        _buffer.Advance(Encoding.UTF8.GetBytes(buyerId, _buffer.GetSpan(count)));
    }

    public void Json<T>(T value)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value);
        UInt((ulong)bytes.Length);
        _buffer.Write(bytes);
    }

    private static bool IsLowerHex32(string id)
    {
        if (id.Length != 32)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
