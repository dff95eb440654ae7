using Tiketi.Orders.Payments;

namespace Tiketi.Grains.Tests.Rules;

/// <summary>The demo gateway's documented cards (docs/payments.md) and its idempotency.</summary>
public sealed class TestPaymentGatewayTests
{
    private readonly TestPaymentGateway _gateway = new();

    [Fact]
    public async Task ChargeAsync_ApprovedCard_ApprovesWithReference()
    {
        var result = await _gateway.ChargeAsync(Charge("key-1", TestPaymentGateway.ApprovedCard), CancellationToken.None);

        Assert.True(result.Approved);
        Assert.False(string.IsNullOrEmpty(result.Reference));
        Assert.Null(result.DeclineReason);
        Assert.Equal(1, _gateway.ChargeCount);
    }

    [Fact]
    public async Task ChargeAsync_ApprovedCardWithSpaces_Approves()
    {
        var result = await _gateway.ChargeAsync(Charge("key-1", "4242 4242 4242 4242"), CancellationToken.None);

        Assert.True(result.Approved);
    }

    [Theory]
    [InlineData(TestPaymentGateway.DeclinedCard, "card_declined")]
    [InlineData(TestPaymentGateway.InsufficientFundsCard, "insufficient_funds")]
    [InlineData("4111111111111111", "card_declined")]
    [InlineData("", "card_declined")]
    public async Task ChargeAsync_CardThatIsNotApproved_DeclinesWithoutCharging(string card, string reason)
    {
        var result = await _gateway.ChargeAsync(Charge("key-1", card), CancellationToken.None);

        Assert.False(result.Approved);
        Assert.Null(result.Reference);
        Assert.Equal(reason, result.DeclineReason);
        Assert.Equal(0, _gateway.ChargeCount);
    }

    [Fact]
    public async Task ChargeAsync_TimeoutCard_NeverAnswersUntilCancelled()
    {
        using var deadline = new CancellationTokenSource();
        var charge = _gateway.ChargeAsync(Charge("key-1", TestPaymentGateway.TimeoutCard), deadline.Token);

        await Task.Delay(50);
        Assert.False(charge.IsCompleted);

        await deadline.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => charge);
        Assert.Equal(0, _gateway.ChargeCount);
    }

    [Fact]
    public async Task ChargeAsync_TimeoutCardWithExpiredDeadline_ThrowsCancellation()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _gateway.ChargeAsync(Charge("key-1", TestPaymentGateway.TimeoutCard), deadline.Token));
    }

    [Fact]
    public async Task ChargeAsync_SameKeyTwice_ChargesOnceWithSameReference()
    {
        var first = await _gateway.ChargeAsync(Charge("key-1", TestPaymentGateway.ApprovedCard), CancellationToken.None);
        var retry = await _gateway.ChargeAsync(Charge("key-1", TestPaymentGateway.ApprovedCard), CancellationToken.None);

        Assert.True(retry.Approved);
        Assert.Equal(first.Reference, retry.Reference);
        Assert.Equal(1, _gateway.ChargeCount);
    }

    [Fact]
    public async Task ChargeAsync_SameKeyConcurrently_ChargesOnce()
    {
        var charges = Enumerable.Range(0, 32)
            .Select(_ => Task.Run(() => _gateway.ChargeAsync(Charge("key-1", TestPaymentGateway.ApprovedCard), CancellationToken.None)));

        var results = await Task.WhenAll(charges);

        Assert.Single(results.Select(r => r.Reference).Distinct());
        Assert.Equal(1, _gateway.ChargeCount);
    }

    [Fact]
    public async Task ChargeAsync_DifferentKeys_ChargesEach()
    {
        var first = await _gateway.ChargeAsync(Charge("key-1", TestPaymentGateway.ApprovedCard), CancellationToken.None);
        var second = await _gateway.ChargeAsync(Charge("key-2", TestPaymentGateway.ApprovedCard), CancellationToken.None);

        Assert.NotEqual(first.Reference, second.Reference);
        Assert.Equal(2, _gateway.ChargeCount);
    }

    [Fact]
    public async Task ChargeAsync_RetryAfterDecline_CanSucceedWithAnotherCard()
    {
        var declined = await _gateway.ChargeAsync(Charge("key-1", TestPaymentGateway.DeclinedCard), CancellationToken.None);
        var retry = await _gateway.ChargeAsync(Charge("key-1", TestPaymentGateway.ApprovedCard), CancellationToken.None);

        Assert.False(declined.Approved);
        Assert.True(retry.Approved);
        Assert.Equal(1, _gateway.ChargeCount);
    }

    [Fact]
    public async Task RefundAsync_SameKeyTwice_RefundsOnce()
    {
        var charge = await _gateway.ChargeAsync(Charge("key-1", TestPaymentGateway.ApprovedCard), CancellationToken.None);

        var first = await _gateway.RefundAsync(charge.Reference!, "refund-1", CancellationToken.None);
        var retry = await _gateway.RefundAsync(charge.Reference!, "refund-1", CancellationToken.None);

        Assert.True(first.Approved);
        Assert.Equal(first.Reference, retry.Reference);
        Assert.Equal(1, _gateway.RefundCount);
    }

    private static PaymentCharge Charge(string key, string card) => new(key, 120_000, "KRW", card);
}
