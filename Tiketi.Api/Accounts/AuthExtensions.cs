using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Tiketi.Api.Accounts;

/// <summary>Bearer authentication (HS256 JWTs only), the admin policy, and the services accounts need.</summary>
public static class AuthExtensions
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";

    /// <summary>How far apart the clocks of API hosts may be; kept small so an expired token dies promptly.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static WebApplicationBuilder AddTiketiAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AuthOptions>()
            .Bind(builder.Configuration.GetSection(AuthOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        if (builder.Environment.IsDevelopment())
        {
            // One key per process, chosen here so every reader of the options sees the same one.
            var developmentKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(AuthOptions.MinimumSigningKeyBytes));
            services.PostConfigure<AuthOptions>(o => o.SigningKey = string.IsNullOrEmpty(o.SigningKey) ? developmentKey : o.SigningKey);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<AccountAudit>();
        services.AddSingleton<RevokedSessions>();
        services.AddHostedService<SessionRevocationFeed>();
        services.AddHostedService<AdminBootstrap>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => Configure(jwt, auth.Value));
        services.AddAuthorizationBuilder()
            .AddPolicy(ClaimsPrincipalExtensions.AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(ClaimsPrincipalExtensions.AdminRole));
        return builder;
    }

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth)
    {
        jwt.MapInboundClaims = false;
        jwt.Events = new JwtProblemEvents();
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = auth.Issuer,
            ValidateAudience = true,
            ValidAudience = auth.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            ValidateIssuerSigningKey = true,
            IssuerSigningKey = AccessTokens.SigningKey(auth),
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = ["JWT"],
            NameClaimType = SubjectClaim,
            RoleClaimType = RoleClaim,
        };
    }
}
