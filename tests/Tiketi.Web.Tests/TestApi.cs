using System.Net.Http.Json;
using Tiketi.Api.Tests;
using Tiketi.Api.Tests.Sale;

namespace Tiketi.Web.Tests;

/// <summary>What tests set up through the API rather than the pages: accounts, events, other buyers.</summary>
public sealed class TestApi(WebFixture web)
{
    public const string Password = "Correct-horse-9-battery";

    public HttpClient NewClient() => new() { BaseAddress = web.BaseUrl };

    public static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}"[..(who.Length + 13)] + "@tiketi.test";

    /// <summary>Registers an account through the API; the pages then sign in with it.</summary>
    public async Task<string> RegisterAsync(string who)
    {
        var email = NewEmail(who);
        using var http = NewClient();
        (await http.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = who })).EnsureSuccessStatusCode();
        return email;
    }

    public async Task<ApiSession> BuyerAsync(string who) => await ApiSession.LoginAsync(NewClient(), await RegisterAsync(who), Password);

    public Task<ApiSession> AdminAsync() => ApiSession.LoginAsync(NewClient(), TiketiApiFactory.AdminEmail, TiketiApiFactory.AdminPassword);

    /// <summary>An event on sale now: two sections of rows × seats in category R and a standing floor.</summary>
    public async Task<string> OpenEventAsync(bool queue, double admissionsPerSecond = 1000, int rows = 5, int seatsPerRow = 10)
    {
        var admin = await AdminAsync();
        return await SaleSetup.CreateOpenEventAsync(admin, queue, admissionsPerSecond, SaleSetup.Draft(queue, rows: rows, seatsPerRow: seatsPerRow));
    }

    /// <summary>
    /// An event on sale now (no queue) with one seated section S1 in category R and seat marks (issue #15
    /// item 9): an aisle after seat 4 of every row, blocked seat A-3, wheelchair space B-1 with companion B-2.
    /// </summary>
    public async Task<string> OpenMarkedEventAsync(int rows = 4, int seatsPerRow = 10)
    {
        var admin = await AdminAsync();
        var now = DateTimeOffset.UtcNow;
        var draft = new
        {
            title = $"Marked Night {Guid.NewGuid():N}"[..22],
            artist = "테스트 밴드",
            venue = "Test Arena",
            startsAt = now.AddDays(30),
            saleOpensAt = now.AddMinutes(-5),
            saleClosesAt = now.AddDays(29),
            categories = new object[] { new { id = "R", name = "R seat", price = 150000 } },
            layout = new
            {
                sections = new object[]
                {
                    new
                    {
                        id = "S1", name = "Section 1", rows, seatsPerRow, categoryId = "R",
                        aislesAfter = new[] { 4 },
                        blockedSeats = new[] { "A-3" },
                        wheelchairs = new[] { new { seat = "B-1", companion = "B-2" } },
                    },
                },
                areas = Array.Empty<object>(),
            },
            perBuyerLimit = 4,
            holdMinutes = 7,
            queueEnabled = false,
        };
        return await SaleSetup.CreateOpenEventAsync(admin, queue: false, draft: draft);
    }
}
