namespace Tiketi.Silo.Security;

/// <summary>
/// A conservative estimate of how many bits of guessing a secret takes. Words found in tutorials and
/// placeholders count as one symbol each, repeats of what came before (a padded or doubled placeholder,
/// "abcabc") and runs ("12345", "abcd") cost almost nothing, and every other character counts with the
/// size of the character classes the secret uses. A random 32-byte key scores well over 200 bits,
/// "your-256-bit-secret-your-256-bit-secret" under 40.
/// </summary>
public static class SecretStrength
{
    /// <summary>Words whose presence says "placeholder"; each counts as a single symbol, wherever it appears.</summary>
    private static readonly string[] Words =
    [
        "your", "secret", "password", "passwd", "pass", "changeme", "change", "placeholder", "example", "sample", "default",
        "admin", "test", "demo", "local", "dev", "jwt", "token", "signing", "sign", "key", "256", "bit", "tiketi", "todo",
        "xxx", "qwerty", "letmein", "welcome", "insecure", "super", "123", "abc", "foo", "bar", "here", "replace", "put",
    ];

    /// <summary>The estimated strength in bits.</summary>
    public static double Bits(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }

        var perCharacter = Math.Log2(AlphabetSize(value));
        var text = value.ToLowerInvariant();
        foreach (var word in Words)
        {
            text = text.Replace(word, "\u0001", StringComparison.Ordinal);
        }

        var bits = 0.0;
        for (var i = 0; i < text.Length;)
        {
            var repeat = LongestEarlierMatch(text, i);
            var run = RunLength(text, i);
            if (repeat >= 3 || run >= 3)
            {
                bits += 4; // a reference to what came before, or a step pattern: a few bits at most
                i += Math.Max(repeat, run);
            }
            else
            {
                bits += text[i] == '\u0001' ? 8 : perCharacter;
                i++;
            }
        }

        return bits;
    }

    private static int AlphabetSize(string value)
    {
        var size = 0;
        size += value.Any(char.IsAsciiLetterLower) ? 26 : 0;
        size += value.Any(char.IsAsciiLetterUpper) ? 26 : 0;
        size += value.Any(char.IsAsciiDigit) ? 10 : 0;
        size += value.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 33 : 0;
        return Math.Max(size, 2);
    }

    /// <summary>The length of the longest substring starting at <paramref name="at"/> that already occurred before it.</summary>
    private static int LongestEarlierMatch(string text, int at)
    {
        var best = 0;
        for (var start = 0; start < at; start++)
        {
            var length = 0;
            while (at + length < text.Length && text[start + length] == text[at + length])
            {
                length++;
            }

            best = Math.Max(best, length);
        }

        return best;
    }

    /// <summary>The length of an ascending or descending step run (by one) starting at <paramref name="at"/>.</summary>
    private static int RunLength(string text, int at)
    {
        if (at + 1 >= text.Length)
        {
            return 1;
        }

        var step = text[at + 1] - text[at];
        if (step is not (1 or -1 or 0))
        {
            return 1;
        }

        var length = 2;
        while (at + length < text.Length && text[at + length] - text[at + length - 1] == step)
        {
            length++;
        }

        return length;
    }
}
