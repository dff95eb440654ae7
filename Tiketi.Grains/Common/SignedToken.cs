using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tiketi.Common;

/// <summary>
/// A compact HMAC-SHA256 signed token: base64url(payload) "." base64url(mac). The payload is a few
/// '|'-separated fields; ids are validated elsewhere never to contain '|'.
/// </summary>
public sealed class SignedToken
{
    private readonly byte[] _key;

    public SignedToken(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _key = Encoding.UTF8.GetBytes(key);
    }

    public string Sign(params string[] fields)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join('|', fields));
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(_key, payload))}";
    }

    /// <summary>Returns the fields when the signature is genuine, null otherwise (forged, truncated, garbage).</summary>
    public string[]? Open(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            var mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            return CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(_key, payload))
                ? Encoding.UTF8.GetString(payload).Split('|')
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
