using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Tiketi.Queue;

/// <summary>Reads what <see cref="ByteWriter"/> wrote; a truncated or malformed input throws.</summary>
internal ref struct ByteReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _at;

    public readonly bool End => _at >= _bytes.Length;

    public byte Byte() => _bytes[_at++];

    public bool Bool() => Byte() != 0;

    public ulong UInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = _bytes[_at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A varint in the queue's journal is longer than 64 bits.");
    }

    public long Int()
    {
        var raw = UInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int Int32() => checked((int)Int());

    public int Count() => checked((int)UInt());

    public ulong Fixed64()
    {
        var value = BinaryPrimitives.ReadUInt64LittleEndian(_bytes.Slice(_at, 8));
        _at += 8;
        return value;
    }

    public double Double() => BitConverter.UInt64BitsToDouble(Fixed64());

    public DateTimeOffset Time() => new(Int(), TimeSpan.Zero);

    public string Buyer()
    {
        var kind = Byte();
        if (kind == 1)
        {
            var hex = Convert.ToHexStringLower(_bytes.Slice(_at, 16));
            _at += 16;
            return hex;
        }

        var count = Count();
        var text = Encoding.UTF8.GetString(_bytes.Slice(_at, count));
        _at += count;
        return text;
    }

    public T Json<T>()
    {
        var count = Count();
        var value = JsonSerializer.Deserialize<T>(_bytes.Slice(_at, count));
        _at += count;
        return value ?? throw new InvalidDataException($"The queue's journal holds a null {typeof(T).Name}.");
    }
}
