using RegionCodec.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static RegionCodec.ImageSharp.Tests.TestSupport;

namespace RegionCodec.ImageSharp.Tests;

/// <summary>The encoder codes strips on up to Configuration.MaxDegreeOfParallelism threads; the file does not depend on it.</summary>
public class ParallelEncodeTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheFileIsTheSameEncodedOnOneThreadOrTwo(bool segmented)
    {
        // 48-row strips: the 512-row photograph has 11 of them, an odd number of waves of two.
        var encoder = new RsgImageEncoder { StripHeight = 48, Segmenter = segmented ? new ActivitySegmenter() : null };
        var files = new List<byte[]>();
        foreach (int degree in new[] { 1, 2 })
        {
            Configuration configuration = NewConfiguration(degree);
            using Image<Rgb24> photo = Astronaut(configuration);
            files.Add(Encode(photo, encoder));
            using var stream = new MemoryStream();
            await photo.SaveAsRsgAsync(stream, encoder);
            files.Add(stream.ToArray());
        }

        Assert.Equal(11, RsgDecoder.Identify(files[0]).StripCount);
        Assert.Equal(segmented ? 2 : 1, RsgDecoder.Identify(files[0]).Regions.Count);
        Assert.All(files, file => Assert.Equal(files[0], file));
    }
}
