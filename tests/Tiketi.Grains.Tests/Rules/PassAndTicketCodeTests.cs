using System.Buffers.Text;
using System.Text;
using Microsoft.Extensions.Options;
using Tiketi.Common;
using Tiketi.Orders;
using Tiketi.Queue;

namespace Tiketi.Grains.Tests.Rules;

/// <summary>Queue passes and ticket codes: genuine ones verify, anything else is refused without throwing.</summary>
public sealed class PassAndTicketCodeTests
{
    private const string PassKey = "pass-signing-key-for-unit-tests-0123456789";
    private const string TicketKey = "ticket-signing-key-for-unit-tests-0123456789";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Now.AddMinutes(15);

    private readonly QueuePass _passes = new(Options.Create(new SaleOptions { PassSigningKey = PassKey, TicketSigningKey = TicketKey }));
    private readonly TicketCodes _tickets = new(Options.Create(new SaleOptions { PassSigningKey = PassKey, TicketSigningKey = TicketKey }));

    [Fact]
    public void Verify_GenuinePassBeforeExpiry_Succeeds()
    {
        var pass = _passes.Issue("concert", "alice", Expiry);

        Assert.True(_passes.Verify(pass, "concert", "alice", Now).IsSuccess);
        Assert.True(_passes.Verify(pass, "concert", "alice", Expiry.AddMilliseconds(-1)).IsSuccess);
    }

    [Fact]
    public void Verify_PassAtOrAfterExpiry_FailsWithQueue003()
    {
        var pass = _passes.Issue("concert", "alice", Expiry);

        Assert.Equal(Reasons.PassExpired, _passes.Verify(pass, "concert", "alice", Expiry).Code);
        Assert.Equal(Reasons.PassExpired, _passes.Verify(pass, "concert", "alice", Expiry.AddDays(1)).Code);
    }

    [Fact]
    public void Verify_PassOfAnotherBuyer_FailsWithQueue002()
    {
        var pass = _passes.Issue("concert", "alice", Expiry);

        Assert.Equal(Reasons.PassInvalid, _passes.Verify(pass, "concert", "mallory", Now).Code);
    }

    [Fact]
    public void Verify_PassOfAnotherEvent_FailsWithQueue002()
    {
        var pass = _passes.Issue("concert", "alice", Expiry);

        Assert.Equal(Reasons.PassInvalid, _passes.Verify(pass, "other-concert", "alice", Now).Code);
    }

    [Fact]
    public void Verify_ExpiredPassOfAnotherBuyer_FailsWithQueue002()
    {
        var pass = _passes.Issue("concert", "alice", Expiry);

        Assert.Equal(Reasons.PassInvalid, _passes.Verify(pass, "concert", "mallory", Expiry.AddHours(1)).Code);
    }

    [Fact]
    public void Verify_PassSignedWithAnotherKey_FailsWithQueue002()
    {
        var otherKey = new QueuePass(Options.Create(new SaleOptions { PassSigningKey = "a-different-pass-signing-key-0123456789" }));
        var pass = otherKey.Issue("concert", "alice", Expiry);

        Assert.Equal(Reasons.PassInvalid, _passes.Verify(pass, "concert", "alice", Now).Code);
    }

    [Fact]
    public void Verify_PayloadRewrittenToAnotherBuyer_FailsWithQueue002()
    {
        var pass = _passes.Issue("concert", "alice", Expiry);
        var (payload, mac) = Split(pass);
        var forged = Payload(payload).Replace("alice", "mallory", StringComparison.Ordinal);

        var token = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(forged))}.{mac}";

        Assert.Equal(Reasons.PassInvalid, _passes.Verify(token, "concert", "mallory", Now).Code);
    }

    [Fact]
    public void Verify_PayloadWithLaterExpiry_FailsWithQueue002()
    {
        var pass = _passes.Issue("concert", "alice", Expiry);
        var (payload, mac) = Split(pass);
        var expiresMs = Expiry.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var later = Expiry.AddDays(30).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var forged = Payload(payload).Replace(expiresMs, later, StringComparison.Ordinal);

        var token = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(forged))}.{mac}";

        Assert.Equal(Reasons.PassInvalid, _passes.Verify(token, "concert", "alice", Expiry.AddDays(1)).Code);
    }

    [Fact]
    public void Verify_MacAltered_FailsWithQueue002()
    {
        var pass = _passes.Issue("concert", "alice", Expiry);
        var (payload, mac) = Split(pass);

        // The middle character carries six whole bits of the mac, so changing it changes the mac.
        var middle = mac.Length / 2;
        var altered = mac[..middle] + (mac[middle] == 'A' ? 'B' : 'A') + mac[(middle + 1)..];

        Assert.Equal(Reasons.PassInvalid, _passes.Verify($"{payload}.{altered}", "concert", "alice", Now).Code);
    }

    [Fact]
    public void Verify_TruncatedPass_FailsWithQueue002()
    {
        var pass = _passes.Issue("concert", "alice", Expiry);

        foreach (var cut in new[] { 1, 4, pass.Length - pass.IndexOf('.', StringComparison.Ordinal), pass.Length - 5 })
        {
            Assert.Equal(Reasons.PassInvalid, _passes.Verify(pass[..^cut], "concert", "alice", Now).Code);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Verify_NoPass_FailsWithQueue001(string? pass)
    {
        Assert.Equal(Reasons.NotAdmitted, _passes.Verify(pass, "concert", "alice", Now).Code);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("abc")]
    [InlineData(".abc")]
    [InlineData("abc.")]
    [InlineData("not a pass")]
    [InlineData("%%%.***")]
    [InlineData("a.b")]
    [InlineData("YQ.YQ.YQ")]
    [InlineData("cDF8Y29uY2VydHxhbGljZXwx.")]
    public void Verify_GarbagePass_FailsWithQueue002(string pass)
    {
        Assert.Equal(Reasons.PassInvalid, _passes.Verify(pass, "concert", "alice", Now).Code);
    }

    [Fact]
    public void Verify_OversizedPass_FailsWithQueue002()
    {
        var pass = _passes.Issue("concert", "alice", Expiry) + new string('A', 2_000);

        Assert.Equal(Reasons.PassInvalid, _passes.Verify(pass, "concert", "alice", Now).Code);
    }

    [Fact]
    public void Verify_TicketCodeShownAsPass_FailsWithQueue002()
    {
        var sameKeys = Options.Create(new SaleOptions { PassSigningKey = PassKey, TicketSigningKey = PassKey });
        var code = new TicketCodes(sameKeys).Issue("t1", "concert", "alice", "A-1");

        Assert.Equal(Reasons.PassInvalid, new QueuePass(sameKeys).Verify(code, "concert", "alice", Now).Code);
    }

    [Fact]
    public void VerifyTicket_GenuineCode_ReturnsTicketIdForItsEvent()
    {
        var seated = _tickets.Issue("ticket-1", "concert", "alice", "A-12");
        var standing = _tickets.Issue("ticket-2", "concert", "alice", null);

        Assert.Equal("ticket-1", _tickets.Verify(seated, "concert"));
        Assert.Equal("ticket-2", _tickets.Verify(standing, "concert"));
    }

    [Fact]
    public void VerifyTicket_CodeOfAnotherEvent_ReturnsNull()
    {
        var code = _tickets.Issue("ticket-1", "concert", "alice", "A-12");

        Assert.Null(_tickets.Verify(code, "other-concert"));
    }

    [Fact]
    public void VerifyTicket_TamperedPayload_ReturnsNull()
    {
        var code = _tickets.Issue("ticket-1", "concert", "alice", "A-12");
        var (payload, mac) = Split(code);
        var forged = Payload(payload).Replace("A-12", "A-13", StringComparison.Ordinal);

        Assert.Null(_tickets.Verify($"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(forged))}.{mac}", "concert"));
    }

    [Fact]
    public void VerifyTicket_TamperedOrTruncatedMac_ReturnsNull()
    {
        var code = _tickets.Issue("ticket-1", "concert", "alice", "A-12");
        var (payload, mac) = Split(code);
        var middle = mac.Length / 2;
        var altered = mac[..middle] + (mac[middle] == 'A' ? 'B' : 'A') + mac[(middle + 1)..];

        Assert.Null(_tickets.Verify($"{payload}.{altered}", "concert"));
        Assert.Null(_tickets.Verify(code[..^3], "concert"));
        Assert.Null(_tickets.Verify("", "concert"));
        Assert.Null(_tickets.Verify("garbage", "concert"));
    }

    [Fact]
    public void VerifyTicket_CodeSignedWithAnotherKey_ReturnsNull()
    {
        var other = new TicketCodes(Options.Create(new SaleOptions { TicketSigningKey = "a-different-ticket-signing-key-0123456789" }));
        var code = other.Issue("ticket-1", "concert", "alice", "A-12");

        Assert.Null(_tickets.Verify(code, "concert"));
    }

    [Fact]
    public void VerifyTicket_QueuePassShownAsTicket_ReturnsNull()
    {
        var sameKeys = Options.Create(new SaleOptions { PassSigningKey = PassKey, TicketSigningKey = PassKey });
        var pass = new QueuePass(sameKeys).Issue("concert", "alice", Expiry);

        Assert.Null(new TicketCodes(sameKeys).Verify(pass, "concert"));
    }

    private static (string Payload, string Mac) Split(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        return (token[..dot], token[(dot + 1)..]);
    }

    private static string Payload(string encoded) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded));
}
