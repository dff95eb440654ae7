namespace Tiketi.Api.Errors;

/// <summary>Codes the HTTP layer itself answers with; sale outcomes use <see cref="Tiketi.Common.Reasons"/>.</summary>
public static class ApiErrors
{
    public const string TokenMissing = "AUTH001";
    public const string TokenInvalid = "AUTH002";
    public const string Forbidden = "AUTH003";
    public const string BadCredentials = "AUTH004";
    public const string EmailTaken = "AUTH005";
    public const string RefreshInvalid = "AUTH006";
    public const string SignInProofRequired = "AUTH007";
    public const string MalformedRequest = "REQ001";
    public const string ValidationFailed = "REQ002";
    public const string NotFound = "REQ003";
    public const string TooManyRequests = "RATE001";
    public const string Internal = "SYS001";
    public const string Unavailable = "SYS002";

    // On-sale audit (issue #10)
    public const string BuyerNotFound = "AUDIT001";
}
