using System.Net;
using System.Text.Json.Nodes;
using Tiketi.Api.Tests.Sale;

namespace Tiketi.Api.Tests.Admin;

/// <summary>
/// Every limit of an event draft holds inside its lists too (categories, sections, bands, areas, seat marks):
/// one past it is refused with REQ002 naming the field as the JSON spells it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EventDraftLimitsTests(TiketiApiFactory factory)
{
    [Theory]
    [InlineData("categories", 0, "price", "-1", "categories[0].price")]
    [InlineData("categories", 0, "name", "\"\"", "categories[0].name")]
    [InlineData("sections", 0, "rows", "101", "layout.sections[0].rows")]
    [InlineData("sections", 0, "seatsPerRow", "101", "layout.sections[0].seatsPerRow")]
    [InlineData("sections", 0, "name", "\"\"", "layout.sections[0].name")]
    [InlineData("sections", 0, "bands", """[{"rows":0,"categoryId":"R"}]""", "layout.sections[0].bands[0].rows")]
    [InlineData("sections", 0, "wheelchairs", """[{"seat":"","companion":"A-2"}]""", "layout.sections[0].wheelchairs[0].seat")]
    [InlineData("areas", 0, "capacity", "5001", "layout.areas[0].capacity")]
    [InlineData("areas", 0, "id", "\"\"", "layout.areas[0].id")]
    public async Task Draft_ItemPastItsLimit_IsRefusedNamingTheField(string list, int index, string field, string value, string expected)
    {
        var admin = await ApiSession.AdminAsync(factory);
        var draft = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(SaleSetup.Draft(queue: false, sections: 1), ApiSession.Json))!.AsObject();
        var items = list == "categories" ? draft["categories"]! : draft["layout"]![list]!;
        items[index]![field] = JsonNode.Parse(value);

        var (status, problem) = await admin.SendAsync(HttpMethod.Post, "/api/admin/events", draft);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("REQ002", ApiSession.Code(problem));
        Assert.True(problem["errors"]?[expected] is not null, problem.ToJsonString());
    }
}
