using System.ComponentModel.DataAnnotations;

namespace Tiketi.Api.Accounts;

/// <summary>Sign-in settings, bound from "Auth" and validated at start (see <see cref="AuthOptionsValidator"/>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const int MinimumSigningKeyBytes = 32;
    public const int MinimumWorkFactor = 12;

    /// <summary>HMAC-SHA256 key of access tokens, at least 32 bytes (UTF-8). Development invents one when unset.</summary>
    public string SigningKey { get; set; } = "";

    [Required, StringLength(200)]
    public string Issuer { get; set; } = "tiketi";

    [Required, StringLength(200)]
    public string Audience { get; set; } = "tiketi";

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>bcrypt cost: 2^n rounds. 12 is the floor; every step doubles the cost of a login.</summary>
    [Range(MinimumWorkFactor, 20)]
    public int BcryptWorkFactor { get; set; } = MinimumWorkFactor;

    /// <summary>The first admin, created or updated at start-up. Required outside Development.</summary>
    public string? AdminEmail { get; set; }

    /// <summary>The first admin's password. Required outside Development; never logged.</summary>
    public string? AdminPassword { get; set; }
}
