using Cybercantal.Edge.Agent.Usage.Copiers;

namespace Cybercantal.Edge.Agent.Tests.Usage;

public sealed class CopierPagesTests
{
    [Theory]
    [InlineData(1000L, 1012L, 12L, null)]
    [InlineData(1000L, 1000L, 0L, null)]
    [InlineData(4_294_967_290L, 5L, 11L, CopierPages.Wrapped)]
    [InlineData(4_294_967_295L, 0L, 1L, CopierPages.Wrapped)]
    [InlineData(152_300L, 40L, null, CopierPages.CounterReset)]
    [InlineData(null, 1012L, null, CopierPages.Unmeasured)]
    [InlineData(1000L, null, null, CopierPages.Unmeasured)]
    public void Pages_handle_a_counter32_wrap_a_reset_and_a_silent_copier(long? start, long? end, long? pages, string? flag)
    {
        Assert.Equal(new CopierPages(pages, flag), CopierPages.Between(start, end, maxPlausiblePages: 20_000));
    }
}
