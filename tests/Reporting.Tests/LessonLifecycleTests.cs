using Platform.Client.Models;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Tests;

/// <summary>The life of a lesson (draft, published) and who may do what to it, without a server.</summary>
public sealed class LessonLifecycleTests
{
    private static readonly DateTimeOffset Recorded = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Recorded.AddDays(2);

    private static LessonData Data(bool published, DateOnly? documentedOn = null) =>
        new("Tidig dialog lönar sig", "När kommunerna deltog tidigt gick planeringen fortare.", ["kommuner"], [], [], published, [], documentedOn);

    private static Lesson Draft() => LessonLifecycle.Record(Guid.CreateVersion7(), Data(published: false), byCoordinator: true, Recorded).Value!;

    [Fact]
    public void A_coordinator_records_a_draft_at_version_1_without_a_publication_time()
    {
        var recorded = LessonLifecycle.Record(Guid.CreateVersion7(), Data(published: false), byCoordinator: true, Recorded);

        Assert.Equal(WriteStatus.Created, recorded.Status);
        Assert.False(recorded.Value!.Published);
        Assert.Null(recorded.Value.PublishedAt);
        Assert.Equal(Recorded, recorded.Value.CreatedAt);
        Assert.Equal(1, recorded.Value.Version);
    }

    [Fact]
    public void A_lesson_is_documented_on_the_day_it_names_or_else_the_Swedish_day_it_is_recorded()
    {
        var lateEvening = new DateTimeOffset(2026, 6, 30, 22, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2026, 7, 1), LessonLifecycle.Record(Guid.CreateVersion7(), Data(published: true), byCoordinator: true, lateEvening).Value!.DocumentedOn);
        Assert.Equal(new DateOnly(2023, 11, 20),
            LessonLifecycle.Record(Guid.CreateVersion7(), Data(published: true, new DateOnly(2023, 11, 20)), byCoordinator: true, lateEvening).Value!.DocumentedOn);
    }

    [Fact]
    public void A_revision_is_the_next_version_published_as_before_and_the_same_content_changes_nothing()
    {
        var published = LessonLifecycle.Record(Guid.CreateVersion7(), Data(published: true), byCoordinator: true, Recorded).Value!;
        var revised = LessonLifecycle.Revise(published, Data(published: false) with { Title = "Tidig dialog lönar sig alltid" }, 1, byCoordinator: true);
        Assert.Equal(WriteStatus.Updated, revised.Status);
        Assert.Equal((2, true, Recorded, "Tidig dialog lönar sig alltid"), (revised.Value!.Version, revised.Value.Published, revised.Value.PublishedAt, revised.Value.Title));

        Assert.Same(published, LessonLifecycle.Revise(published, Data(published: true), null, byCoordinator: true).Value);
        Assert.Equal(WriteStatus.Stale, LessonLifecycle.Revise(published, Data(published: true), 7, byCoordinator: true).Status);
        Assert.Equal(WriteStatus.Forbidden, LessonLifecycle.Revise(published, Data(published: true), 1, byCoordinator: false).Status);
    }

    [Fact]
    public void A_lesson_published_at_once_is_published_when_recorded()
    {
        var recorded = LessonLifecycle.Record(Guid.CreateVersion7(), Data(published: true), byCoordinator: true, Recorded).Value!;

        Assert.True(recorded.Published);
        Assert.Equal(Recorded, recorded.PublishedAt);
        Assert.Equal(1, recorded.Version);
    }

    [Fact]
    public void Only_coordinators_record_and_publish_lessons()
    {
        Assert.Equal(WriteStatus.Forbidden, LessonLifecycle.Record(Guid.CreateVersion7(), Data(published: true), byCoordinator: false, Recorded).Status);
        Assert.Equal(WriteStatus.Forbidden, LessonLifecycle.Publish(Draft(), 1, byCoordinator: false, Later).Status);
    }

    [Fact]
    public void Publishing_a_draft_publishes_it_now_and_raises_its_version()
    {
        var draft = Draft();

        var published = LessonLifecycle.Publish(draft, expectedVersion: 1, byCoordinator: true, Later);

        Assert.Equal(WriteStatus.Updated, published.Status);
        Assert.Equal(draft with { Published = true, PublishedAt = Later, Version = 2 }, published.Value);
    }

    [Fact]
    public void Publishing_without_a_version_publishes_whatever_the_current_one_is()
    {
        Assert.Equal(WriteStatus.Updated, LessonLifecycle.Publish(Draft(), expectedVersion: null, byCoordinator: true, Later).Status);
    }

    [Fact]
    public void Publishing_a_version_that_is_not_the_current_one_is_stale_and_names_the_current_one()
    {
        var draft = Draft();

        var stale = LessonLifecycle.Publish(draft, expectedVersion: 7, byCoordinator: true, Later);

        Assert.Equal(WriteStatus.Stale, stale.Status);
        Assert.Equal(1, stale.Value!.Version);
    }

    [Fact]
    public void A_published_lesson_is_not_published_again()
    {
        var published = LessonLifecycle.Publish(Draft(), 1, byCoordinator: true, Later).Value!;

        var again = LessonLifecycle.Publish(published, published.Version, byCoordinator: true, Later.AddDays(1));

        Assert.Equal(WriteStatus.Conflict, again.Status);
        Assert.Equal(Later, again.Value!.PublishedAt);
        Assert.Contains(Later.ToString("O"), again.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_is_seen_and_listed_by_coordinators_only_a_published_lesson_by_everyone()
    {
        var draft = Draft();
        var published = LessonLifecycle.Publish(draft, 1, byCoordinator: true, Later).Value!;

        Assert.True(LessonLifecycle.IsVisibleTo(draft, coordinator: true));
        Assert.False(LessonLifecycle.IsVisibleTo(draft, coordinator: false));
        Assert.True(LessonLifecycle.IsVisibleTo(published, coordinator: false));
        Assert.True(LessonLifecycle.MaySeeDrafts(coordinator: true));
        Assert.False(LessonLifecycle.MaySeeDrafts(coordinator: false));
    }
}
