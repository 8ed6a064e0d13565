using Cybercantal.Edge.Hub.Store;
using Cybercantal.Edge.Hub.Tests.Support;

namespace Cybercantal.Edge.Hub.Tests.Store;

public sealed class JournalStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void A_group_of_batches_from_several_sites_commits_each_sites_prefix_and_survives_reopening()
    {
        var path = _dir.File("hub.db");
        using (var store = new JournalStore(new HubDatabase(path)))
        {
            var commit = store.Commit(
                [Batches.Make("murat", 1, 5), Batches.Make("ydes", 3, 2), Batches.Make("murat", 4, 4), Batches.Make("ydes", 1, 2)],
                Batches.Epoch);

            Assert.Equal(new SiteProgress(7, 7), commit.Sites["murat"]);
            Assert.Equal(new SiteProgress(4, 4), commit.Sites["ydes"]);
            Assert.Equal(11, commit.InsertedRecords);
        }

        using var reopened = new JournalStore(new HubDatabase(path));
        Assert.Equal(new SiteProgress(7, 7), reopened.ProgressOf("murat"));
        Assert.Equal(new SiteProgress(4, 4), reopened.ProgressOf("ydes"));
    }

    [Fact]
    public void A_failed_commit_stores_nothing_and_leaves_progress_unchanged()
    {
        var path = _dir.File("hub.db");
        using var store = new JournalStore(new HubDatabase(path));
        store.Commit([Batches.Make("murat", 1, 3)], Batches.Epoch);
        var poisoned = Batches.Make("murat", 4, 3);
        poisoned = poisoned with { Records = [poisoned.Records[0], poisoned.Records[1], null!] };

        Assert.ThrowsAny<Exception>(() => store.Commit([Batches.Make("ydes", 1, 2), poisoned], Batches.Epoch));

        Assert.Equal(new SiteProgress(3, 3), store.ProgressOf("murat"));
        Assert.Equal(default, store.ProgressOf("ydes"));
        Assert.Equal([1, 2, 3], StoreQueries.Sequences(path, "murat"));
        Assert.Empty(StoreQueries.Sequences(path, "ydes"));
    }

    public void Dispose() => _dir.Dispose();
}
