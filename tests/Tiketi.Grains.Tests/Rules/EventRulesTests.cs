using System.Collections.Immutable;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Orders;
using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Rules;

/// <summary>Event definitions, status changes, and whether a buyer may hold right now.</summary>
public sealed class EventRulesTests
{
    private static readonly DateTimeOffset SaleOpens = new(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(9));
    private static readonly DateTimeOffset SaleCloses = SaleOpens.AddDays(20);
    private static readonly DateTimeOffset ShowStarts = SaleOpens.AddDays(21);
    private static readonly string[] CategoryIds = ["vip", "std"];
    private static readonly PriceCategory Standard = new("std", "Standard", 90_000);

    [Fact]
    public void Validate_WellFormedEvent_Succeeds()
    {
        Assert.True(EventRules.Validate(ValidEvent()).IsSuccess);
    }

    [Fact]
    public void Validate_LimitsAtTheirBounds_Succeeds()
    {
        var definition = ValidEvent() with
        {
            Title = new string('t', EventRules.MaxTextLength),
            SaleClosesAt = ShowStarts,
            PerBuyerLimit = EventRules.MaxPerBuyerLimit,
            HoldDuration = EventRules.MaxHold,
            Categories = [new PriceCategory("vip", "Guest list", 0), Standard],
        };

        Assert.True(EventRules.Validate(definition).IsSuccess);
        Assert.True(EventRules.Validate(definition with { PerBuyerLimit = 1, HoldDuration = EventRules.MinHold }).IsSuccess);
    }

    [Theory]
    [InlineData("blank title")]
    [InlineData("title too long")]
    [InlineData("no artist")]
    [InlineData("no venue")]
    [InlineData("sale opens when it closes")]
    [InlineData("sale closes after the show")]
    [InlineData("per-buyer limit zero")]
    [InlineData("per-buyer limit above max")]
    [InlineData("hold too short")]
    [InlineData("hold too long")]
    [InlineData("category id invalid")]
    [InlineData("category name blank")]
    [InlineData("negative price")]
    [InlineData("currency not three letters")]
    [InlineData("duplicate category ids")]
    [InlineData("mixed currencies")]
    [InlineData("no blocks")]
    [InlineData("default blocks")]
    [InlineData("too many blocks")]
    [InlineData("duplicate block ids")]
    [InlineData("block of unknown category")]
    [InlineData("no categories")]
    public void Validate_RuleBroken_FailsWithEvt003(string rule)
    {
        var valid = ValidEvent();
        var broken = rule switch
        {
            "blank title" => valid with { Title = "  " },
            "title too long" => valid with { Title = new string('t', EventRules.MaxTextLength + 1) },
            "no artist" => valid with { Artist = "" },
            "no venue" => valid with { Venue = null! },
            "sale opens when it closes" => valid with { SaleOpensAt = SaleCloses },
            "sale closes after the show" => valid with { SaleClosesAt = ShowStarts.AddMinutes(1) },
            "per-buyer limit zero" => valid with { PerBuyerLimit = 0 },
            "per-buyer limit above max" => valid with { PerBuyerLimit = EventRules.MaxPerBuyerLimit + 1 },
            "hold too short" => valid with { HoldDuration = EventRules.MinHold - TimeSpan.FromSeconds(1) },
            "hold too long" => valid with { HoldDuration = EventRules.MaxHold + TimeSpan.FromSeconds(1) },
            "category id invalid" => valid with { Categories = [new PriceCategory("v|p", "VIP", 1), Standard] },
            "category name blank" => valid with { Categories = [new PriceCategory("vip", " ", 1), Standard] },
            "negative price" => valid with { Categories = [new PriceCategory("vip", "VIP", -1), Standard] },
            "currency not three letters" => valid with { Categories = [new PriceCategory("vip", "VIP", 1, "WON!"), Standard] },
            "duplicate category ids" => valid with { Categories = [new PriceCategory("std", "VIP", 1), Standard] },
            "mixed currencies" => valid with { Categories = [new PriceCategory("vip", "VIP", 1, "USD"), Standard] },
            "no blocks" => valid with { Blocks = [] },
            "default blocks" => valid with { Blocks = default },
            "too many blocks" => valid with { Blocks = [.. Enumerable.Range(0, EventRules.MaxBlocks + 1).Select(i => Floor($"b{i}"))] },
            "duplicate block ids" => valid with { Blocks = [Floor("floor"), Floor("floor")] },
            "block of unknown category" => valid with { Blocks = [BlockDefinition.Reserved("a", "A", RowDefinition.Of("A", 10, "balcony"))] },
            "no categories" => valid with { Categories = [] },
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };

        var result = EventRules.Validate(broken);

        Assert.Equal(Reasons.InvalidEvent, result.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public void Validate_BlockAtMaxCapacity_Succeeds()
    {
        var reserved = BlockDefinition.Reserved("big", "Big", RowDefinition.Of("A", BlockLayout.MaxCapacity - 1, "std"), RowDefinition.Of("B", 1, "vip"));
        var floor = BlockDefinition.GeneralAdmission("floor", "Floor", new AreaCapacity("std", BlockLayout.MaxCapacity));

        Assert.True(BlockLayout.Validate(reserved, CategoryIds).IsSuccess);
        Assert.True(BlockLayout.Validate(floor, CategoryIds).IsSuccess);
    }

    [Fact]
    public void Validate_BlockAboveMaxCapacity_FailsWithEvt003()
    {
        var reserved = BlockDefinition.Reserved("big", "Big", RowDefinition.Of("A", BlockLayout.MaxCapacity, "std"), RowDefinition.Of("B", 1, "vip"));
        var floor = BlockDefinition.GeneralAdmission("floor", "Floor", new AreaCapacity("std", BlockLayout.MaxCapacity), new AreaCapacity("vip", 1));

        Assert.Equal(Reasons.InvalidEvent, BlockLayout.Validate(reserved, CategoryIds).Code);
        Assert.Equal(Reasons.InvalidEvent, BlockLayout.Validate(floor, CategoryIds).Code);
        Assert.Equal(Reasons.InvalidEvent, EventRules.Validate(ValidEvent() with { Blocks = [floor] }).Code);
    }

    [Theory]
    [InlineData("duplicate row labels")]
    [InlineData("row label with dash")]
    [InlineData("blank row label")]
    [InlineData("empty run")]
    [InlineData("unknown category in run")]
    [InlineData("reserved without rows")]
    [InlineData("reserved with capacities")]
    [InlineData("area without capacities")]
    [InlineData("area with rows")]
    [InlineData("area of zero")]
    [InlineData("area of unknown category")]
    [InlineData("invalid block id")]
    public void ValidateBlock_LayoutRuleBroken_FailsWithEvt003(string rule)
    {
        var block = rule switch
        {
            "duplicate row labels" => BlockDefinition.Reserved("a", "A", RowDefinition.Of("A", 5, "std"), RowDefinition.Of("A", 5, "std")),
            "row label with dash" => BlockDefinition.Reserved("a", "A", RowDefinition.Of("A-1", 5, "std")),
            "blank row label" => BlockDefinition.Reserved("a", "A", RowDefinition.Of(" ", 5, "std")),
            "empty run" => BlockDefinition.Reserved("a", "A", new RowDefinition("A", [new SeatRun(4, "std"), new SeatRun(0, "vip")])),
            "unknown category in run" => BlockDefinition.Reserved("a", "A", RowDefinition.Of("A", 5, "balcony")),
            "reserved without rows" => BlockDefinition.Reserved("a", "A"),
            "reserved with capacities" => new BlockDefinition("a", "A", BlockKind.Reserved, [RowDefinition.Of("A", 5, "std")], [new AreaCapacity("std", 5)]),
            "area without capacities" => BlockDefinition.GeneralAdmission("floor", "Floor"),
            "area with rows" => new BlockDefinition("floor", "Floor", BlockKind.GeneralAdmission, [RowDefinition.Of("A", 5, "std")], [new AreaCapacity("std", 5)]),
            "area of zero" => BlockDefinition.GeneralAdmission("floor", "Floor", new AreaCapacity("std", 0)),
            "area of unknown category" => BlockDefinition.GeneralAdmission("floor", "Floor", new AreaCapacity("balcony", 5)),
            "invalid block id" => Floor("a/b"),
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };

        Assert.Equal(Reasons.InvalidEvent, BlockLayout.Validate(block, CategoryIds).Code);
    }

    [Fact]
    public void ValidateBlock_TooManyCategories_FailsWithEvt003()
    {
        var categories = Enumerable.Range(0, BlockLayout.MaxCategories + 1).Select(i => $"c{i}").ToList();

        Assert.Equal(Reasons.InvalidEvent, BlockLayout.Validate(BlockDefinition.GeneralAdmission("floor", "Floor", new AreaCapacity("c0", 5)), categories).Code);
        Assert.True(BlockLayout.Validate(BlockDefinition.GeneralAdmission("floor", "Floor", new AreaCapacity("c0", 5)), categories[..^1]).IsSuccess);
    }

    [Theory]
    [InlineData(EventStatus.Draft, EventStatus.OnSale)]
    [InlineData(EventStatus.OnSale, EventStatus.Closed)]
    [InlineData(EventStatus.Closed, EventStatus.OnSale)]
    [InlineData(EventStatus.Draft, EventStatus.Cancelled)]
    [InlineData(EventStatus.OnSale, EventStatus.Cancelled)]
    [InlineData(EventStatus.Closed, EventStatus.Cancelled)]
    public void CanMove_AllowedTransition_Succeeds(EventStatus from, EventStatus to)
    {
        Assert.True(EventRules.CanMove(from, to).IsSuccess);
    }

    [Theory]
    [InlineData(EventStatus.Draft, EventStatus.Draft)]
    [InlineData(EventStatus.Draft, EventStatus.Closed)]
    [InlineData(EventStatus.OnSale, EventStatus.OnSale)]
    [InlineData(EventStatus.OnSale, EventStatus.Draft)]
    [InlineData(EventStatus.Closed, EventStatus.Closed)]
    [InlineData(EventStatus.Closed, EventStatus.Draft)]
    [InlineData(EventStatus.Cancelled, EventStatus.Draft)]
    [InlineData(EventStatus.Cancelled, EventStatus.OnSale)]
    [InlineData(EventStatus.Cancelled, EventStatus.Closed)]
    [InlineData(EventStatus.Cancelled, EventStatus.Cancelled)]
    public void CanMove_RefusedTransition_FailsWithSale004(EventStatus from, EventStatus to)
    {
        Assert.Equal(Reasons.InvalidTransition, EventRules.CanMove(from, to).Code);
    }

    [Fact]
    public void Check_OnSaleWithinWindow_Succeeds()
    {
        var info = OnSale();

        Assert.True(HoldRules.Check(info, Request("a", HoldSelection.Seats("A-1", "A-2")), SaleOpens).IsSuccess);
        Assert.True(HoldRules.Check(info, Request("floor", HoldSelection.Best("std", 4)), SaleCloses.AddTicks(-1)).IsSuccess);
    }

    [Fact]
    public void Check_EventMissing_FailsWithEvt001()
    {
        Assert.Equal(Reasons.EventNotFound, HoldRules.Check(null, Request("a", HoldSelection.Seats("A-1")), SaleOpens).Code);
    }

    [Fact]
    public void Check_EventCancelled_FailsWithSale003()
    {
        var info = OnSale() with { Status = EventStatus.Cancelled };

        Assert.Equal(Reasons.EventCancelled, HoldRules.Check(info, Request("a", HoldSelection.Seats("A-1")), SaleOpens.AddDays(1)).Code);
    }

    [Fact]
    public void Check_SaleClosedByOrganiser_FailsWithSale002()
    {
        var info = OnSale() with { Status = EventStatus.Closed };

        Assert.Equal(Reasons.SaleClosed, HoldRules.Check(info, Request("a", HoldSelection.Seats("A-1")), SaleOpens.AddDays(1)).Code);
    }

    [Fact]
    public void Check_AfterSaleWindow_FailsWithSale002()
    {
        var request = Request("a", HoldSelection.Seats("A-1"));

        Assert.Equal(Reasons.SaleClosed, HoldRules.Check(OnSale(), request, SaleCloses).Code);
        Assert.Equal(Reasons.SaleClosed, HoldRules.Check(OnSale(), request, ShowStarts.AddDays(1)).Code);
    }

    [Fact]
    public void Check_BeforeSaleOpens_FailsWithSale001()
    {
        var request = Request("a", HoldSelection.Seats("A-1"));

        Assert.Equal(Reasons.SaleNotOpen, HoldRules.Check(OnSale(), request, SaleOpens.AddTicks(-1)).Code);
        Assert.Equal(Reasons.SaleNotOpen, HoldRules.Check(OnSale() with { Status = EventStatus.Draft }, request, SaleOpens.AddDays(1)).Code);
    }

    [Fact]
    public void Check_UnknownBlock_FailsWithRes006()
    {
        Assert.Equal(Reasons.UnknownBlock, HoldRules.Check(OnSale(), Request("balcony", HoldSelection.Seats("A-1")), SaleOpens).Code);
    }

    [Fact]
    public void Check_SelectionEmptyOrAboveLimit_FailsWithRes008()
    {
        var info = OnSale(perBuyerLimit: 4);

        Assert.Equal(Reasons.InvalidSelection, HoldRules.Check(info, Request("floor", HoldSelection.Best("std", 0)), SaleOpens).Code);
        Assert.Equal(Reasons.InvalidSelection, HoldRules.Check(info, Request("floor", HoldSelection.Best("std", -2)), SaleOpens).Code);
        Assert.Equal(Reasons.InvalidSelection, HoldRules.Check(info, Request("floor", HoldSelection.Best("std", 5)), SaleOpens).Code);
        Assert.Equal(Reasons.InvalidSelection, HoldRules.Check(info, Request("a", HoldSelection.Seats("A-1", "A-2", "A-3", "A-4", "A-5")), SaleOpens).Code);
        Assert.Equal(Reasons.InvalidSelection, HoldRules.Check(info, Request("a", HoldSelection.Seats()), SaleOpens).Code);
        Assert.Equal(Reasons.InvalidSelection, HoldRules.Check(info, Request("floor", new HoldSelection([], null, 2)), SaleOpens).Code);
        Assert.True(HoldRules.Check(info, Request("floor", HoldSelection.Best("std", 4)), SaleOpens).IsSuccess);
    }

    [Fact]
    public void Draft_GrantOfSeatsAndPlaces_PricesEachLineFromItsCategory()
    {
        var definition = ValidEvent();
        var grant = new HoldGrant(
            "order-1",
            "a",
            [new HeldItem("A-1", "vip", 1), new HeldItem("B-2", "std", 1), new HeldItem(null, "std", 3)],
            SaleOpens.AddMinutes(7));

        var draft = HoldRules.Draft(definition, "concert", "alice", grant, SaleOpens);

        Assert.Equal<OrderLine>(
            [new OrderLine("A-1", "vip", 1, 150_000), new OrderLine("B-2", "std", 1, 90_000), new OrderLine(null, "std", 3, 90_000)],
            draft.Lines);
        Assert.Equal("KRW", draft.Currency);
        Assert.Equal(("concert", "alice", "a"), (draft.EventId, draft.BuyerId, draft.BlockId));
        Assert.Equal(SaleOpens.AddMinutes(7), draft.HoldExpiresAt);
        Assert.Equal(SaleOpens, draft.CreatedAt);
        Assert.Equal(ShowStarts, draft.EventStartsAt);
    }

    [Fact]
    public void Draft_EventInAnotherCurrency_UsesItsCurrency()
    {
        var definition = ValidEvent() with { Categories = [new PriceCategory("vip", "VIP", 12_000, "USD"), new PriceCategory("std", "Standard", 8_000, "USD")] };
        var grant = new HoldGrant("order-1", "floor", [new HeldItem(null, "vip", 2)], SaleOpens.AddMinutes(7));

        var draft = HoldRules.Draft(definition, "concert", "alice", grant, SaleOpens);

        Assert.Equal("USD", draft.Currency);
        Assert.Equal<OrderLine>([new OrderLine(null, "vip", 2, 12_000)], draft.Lines);
    }

    private static EventDefinition ValidEvent() => new(
        "Spring Tour",
        "The Band",
        "Olympic Hall",
        ShowStarts,
        SaleOpens,
        SaleCloses,
        [new PriceCategory("vip", "VIP", 150_000), Standard],
        [BlockDefinition.Reserved("a", "Block A", RowDefinition.Of("A", 10, "vip"), RowDefinition.Of("B", 10, "std")), Floor("floor")]);

    private static BlockDefinition Floor(string id) => BlockDefinition.GeneralAdmission(id, "Floor", new AreaCapacity("std", 500));

    private static EventInfo OnSale(int perBuyerLimit = 4) =>
        new("concert", ValidEvent() with { PerBuyerLimit = perBuyerLimit }, EventStatus.OnSale, 1);

    private static HoldRequest Request(string blockId, HoldSelection selection) => new(blockId, selection, null);
}
