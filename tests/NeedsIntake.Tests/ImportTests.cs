using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.NeedsIntake.Import;
using Platform.Testing;

namespace Platform.NeedsIntake.Tests;

public sealed class ImportTests(NeedsIntakeApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Quote(string field) => $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>The 48 development needs (../shared/data/needs-dev.csv) with a submitting actor column added.</summary>
    internal static string DevNeedsFor(Guid actor)
    {
        var records = Csv.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "needs-dev.csv")));
        var lines = records.Select((record, index) => string.Join(',', record.Fields.Select(Quote)) + "," + (index == 0 ? "submitted_by_actor_id" : actor.ToString()));
        return string.Join("\r\n", lines) + "\r\n";
    }

    internal static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv, string contentType = "text/csv")
    {
        using var content = new StringContent(csv, Encoding.UTF8, contentType);
        return await client.PostAsync("/api/needs/import", content, Token);
    }

    private Task<long> NeedsOfAsync(Guid actor) => app.ScalarAsync("SELECT count(*) FROM needs WHERE submitted_by_actor_id = $1", actor);

    [Fact]
    public async Task A_valid_file_is_stored_whole_with_an_event_per_need()
    {
        var region = await app.RegisterActorAsync("region", Token);
        using var coordinator = app.Client("coordinator");
        using var response = await ImportAsync(coordinator, DevNeedsFor(region));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(48, body.GetProperty("imported").GetInt32());
        Assert.Equal(2, body.GetProperty("needs")[0].GetProperty("line").GetInt32());
        Assert.Equal(["key", "cluster", "actor_kind"], body.GetProperty("ignoredColumns").EnumerateArray().Select(column => column.GetString()));
        Assert.Equal(48, await NeedsOfAsync(region));
        Assert.Equal(48, await app.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.NeedSubmitted' AND payload->>'submittedByActorId' = $1", region.ToString()));
        Assert.Equal(48, await app.ScalarAsync(
            "SELECT count(*) FROM need_history h JOIN needs n ON n.id = h.need_id WHERE n.submitted_by_actor_id = $1 AND h.changes->>'source' = 'import'", region));
    }

    [Fact]
    public async Task An_actor_imports_for_itself_without_naming_itself()
    {
        var municipality = await app.RegisterActorAsync("municipality", Token);
        using var client = app.Client("actor", municipality);
        const string csv = """
            title,description,theme,municipality_codes,urgency,quantity_value,quantity_unit
            Fler platser i förskolan i Gällivare,"Inflyttningen till Gällivare kräver cirka 200 nya förskoleplatser, med personal.",public-services,2523,medium,200,platser
            Ny bussförbindelse Gällivare–Kiruna,"Pendlingen mellan Gällivare och Kiruna behöver tätare bussturer, morgon och kväll.",infrastructure,2523;2584,high,,
            """;
        using var response = await ImportAsync(client, csv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await NeedsOfAsync(municipality));

        var other = await app.RegisterActorAsync("municipality", Token);
        using var forOther = await ImportAsync(client, csv.Replace("quantity_unit", "quantity_unit,submitted_by_actor_id", StringComparison.Ordinal)
            .Replace(",platser", $",platser,{other}", StringComparison.Ordinal).Replace("high,,", $"high,,,{other}", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, forOther.StatusCode);
        Assert.Equal(0, await NeedsOfAsync(other));
    }

    [Fact]
    public async Task Needs_from_last_years_spreadsheet_keep_the_day_they_were_identified()
    {
        var municipality = await app.RegisterActorAsync("municipality", Token);
        using var client = app.Client("actor", municipality);
        const string csv = """
            title,description,theme,municipality_codes,urgency,identified_on,needed_by
            Bostäder för säsongsarbetare i Gällivare,"Gruvans sommarpersonal behövde tillfälliga bostäder i Gällivare under 2023.",housing,2523,medium,2023-03-14,2023-06-01
            Fler bussturer till gruvan,"Skiftarbetarna behöver bussturer som passar skiftbytena vid gruvan i Malmberget.",infrastructure,2523,high,,
            """;
        using var response = await ImportAsync(client, csv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM needs WHERE submitted_by_actor_id = $1 AND identified_on = '2023-03-14'", municipality));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM needs WHERE submitted_by_actor_id = $1 AND identified_on = (now() AT TIME ZONE 'UTC')::date", municipality));
        await Wait.UntilAsync(async () => await app.ScalarAsync(
                "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.NeedSubmitted' AND payload->>'submittedByActorId' = $1 AND payload->>'identifiedOn' = '2023-03-14'",
                municipality.ToString()) == 1,
            TimeSpan.FromSeconds(30), "NeedSubmitted with the day it was identified", Token);

        // A day in the future is refused, named by its column.
        using var future = await ImportAsync(client, csv.Replace("2023-03-14", "2999-03-14", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("identified_on", await future.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_bad_rows_stores_nothing_and_lists_every_bad_row()
    {
        var actor = await app.RegisterActorAsync("municipality", Token);
        var unknownActor = Guid.NewGuid();
        var csv = $"""
            title,description,theme,municipality_codes,urgency,needed_by,submitted_by_actor_id
            Bostäder för säsongsarbetare,Kommunen behöver tillfälliga bostäder för byggarbetare under tre år.,housing,2582,high,2028-01-31,{actor}
            Okänt tema,Kommunen behöver något som inte passar något tema alls i listan.,weather,2582,high,,{actor}
            Fel brådska,Kommunen behöver snabbt fler platser på vuxenutbildningen i Boden.,education,2582,asap,,{actor}
            Passerat datum,Kommunen behövde detta redan för flera år sedan men fick det aldrig.,housing,2582,low,2020-01-01,{actor}
            ,Titeln saknas men beskrivningen är tillräckligt lång för att godtas.,housing,2582,low,,{actor}
            För få fält,housing
            Okänd aktör,Ett behov från en aktör som registret aldrig har meddelat oss.,housing,2582,low,,{unknownActor}
            """;
        using var coordinator = app.Client("coordinator");
        using var response = await ImportAsync(coordinator, csv);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        var rows = problem.GetProperty("rows").EnumerateArray().Select(row => (row.GetProperty("line").GetInt32(), row.GetProperty("field").GetString())).ToList();
        Assert.Equal([(3, "theme"), (4, "urgency"), (5, "needed_by"), (6, "title"), (7, "row"), (8, "submitted_by_actor_id")], rows);
        Assert.Equal(0, await NeedsOfAsync(actor));

        // With the malformed rows gone, the unknown actor fails the whole file as a 422.
        var references = string.Join('\n', csv.Split('\n').Where((_, index) => index is 0 or 1 or 7));
        using var unknown = await ImportAsync(coordinator, references);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        var row = Assert.Single((await unknown.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("rows").EnumerateArray());
        Assert.Equal(3, row.GetProperty("line").GetInt32());
        Assert.Equal("submitted_by_actor_id", row.GetProperty("field").GetString());
        Assert.Equal(0, await NeedsOfAsync(actor));
    }

    [Fact]
    public async Task The_file_itself_must_be_utf8_csv_of_at_most_10000_rows()
    {
        using var coordinator = app.Client("coordinator");
        using (var json = await ImportAsync(coordinator, "[]", "application/json"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        }

        using (var invalidUtf8 = new ByteArrayContent([.. Encoding.UTF8.GetBytes("title,description\n"), 0xC3, 0x28, (byte)'\n']))
        {
            invalidUtf8.Headers.ContentType = new("text/csv");
            using var response = await coordinator.PostAsync("/api/needs/import", invalidUtf8, Token);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        using (var unterminated = await ImportAsync(coordinator, "title,description,theme,municipality_codes,urgency\n\"Öppet citat,x,housing,2582,low\n"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unterminated.StatusCode);
            Assert.Contains("Line 2", await unterminated.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        using (var missingColumn = await ImportAsync(coordinator, "title,description\nx,y\n"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missingColumn.StatusCode);
            Assert.Contains("municipality_codes", await missingColumn.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        var tooMany = new StringBuilder("title,description,theme,municipality_codes,urgency\n");
        for (var i = 0; i <= NeedImport.MaxRows; i++)
        {
            tooMany.Append("Behov nummer ").Append(i).Append(",Beskrivning av ett behov som är tillräckligt lång,housing,2582,low\n");
        }

        using var tooLong = await ImportAsync(coordinator, tooMany.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("10000", await tooLong.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }
}
