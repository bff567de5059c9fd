using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static RegionCodec.ImageSharp.Tests.TestSupport;

namespace RegionCodec.ImageSharp.Tests;

public class CancellationTests
{
    [Fact]
    public async Task ACancelledTokenStopsDecodingAndEncoding()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        byte[] file = Encode(photo);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var decoder = new RsgImageDecoder();
        Assert.ThrowsAny<OperationCanceledException>(() => decoder.Decode<Rgba32>(configuration, new MemoryStream(file), cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => decoder.Identify(configuration, new MemoryStream(file), cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Image.LoadAsync<Rgb24>(configuration, new MemoryStream(file), cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => photo.SaveAsRsgAsync(new MemoryStream(), cts.Token));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void CancellingWhileTheFileIsReadStopsBeforeTheStripsAreDecoded(int parallelism)
    {
        Configuration configuration = NewConfiguration(parallelism);
        using Image<Rgb24> photo = Astronaut(configuration);
        byte[] file = Encode(photo);
        using var cts = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new RsgImageDecoder().Decode<Rgb24>(configuration, new CancelAtEndStream(file, cts), cts.Token));
        Assert.True(cts.IsCancellationRequested);
    }
}
