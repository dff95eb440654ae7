using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Tiketi.Api.Accounts;

namespace Tiketi.Api.Tests.Accounts;

/// <summary>A production host refuses weak or missing auth settings, and says which.</summary>
public sealed class AuthOptionsValidatorTests
{
    private static AuthOptions Valid() => new()
    {
        SigningKey = TiketiApiFactory.SigningKey,
        AdminEmail = "ops@tiketi.test",
        AdminPassword = "Long-enough-admin-9",
    };

    [Fact]
    public void Validate_CompleteSettingsInProduction_Succeeds()
    {
        var result = Validator("Production").Validate(null, Valid());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(nameof(AuthOptions.SigningKey), "", "Auth:SigningKey")]
    [InlineData(nameof(AuthOptions.SigningKey), "short-key-of-31-bytes-xxxxxxxxx", "Auth:SigningKey")]
    [InlineData(nameof(AuthOptions.AdminPassword), null, "Auth:AdminPassword")]
    [InlineData(nameof(AuthOptions.AdminPassword), "password", "Auth:AdminPassword")]
    [InlineData(nameof(AuthOptions.AdminEmail), null, "Auth:AdminEmail")]
    [InlineData(nameof(AuthOptions.AdminEmail), "not an email", "Auth:AdminEmail")]
    public void Validate_MissingOrWeakSettingInProduction_FailsNamingIt(string property, string? value, string setting)
    {
        var options = Valid();
        typeof(AuthOptions).GetProperty(property)!.SetValue(options, value);

        var result = Validator("Production").Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoAdminInDevelopment_Succeeds()
    {
        var options = Valid();
        options.AdminEmail = null;
        options.AdminPassword = null;

        Assert.True(Validator("Development").Validate(null, options).Succeeded);
    }

    private static AuthOptionsValidator Validator(string environment) => new(new Environment(environment));

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Tiketi.Api";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
