using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static RegionCodec.ImageSharp.Tests.TestSupport;

namespace RegionCodec.ImageSharp.Tests;

/// <summary>RegionQualities names regions; a name the segmentation did not produce is refused, not silently ignored.</summary>
public class RegionQualitiesTests
{
    [Fact]
    public void AnUnknownRegionNameThrowsArgumentExceptionListingTheRegions()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        var encoder = new RsgImageEncoder { RegionQualities = new Dictionary<string, int> { ["face"] = 95 } };
        using var stream = new MemoryStream();
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => photo.Save(stream, encoder));
        Assert.Contains("'face'", e.Message);
        Assert.Contains("busy", e.Message);
        Assert.Equal(0, stream.Length);
    }
}
