using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace RegionCodec.Tools.Tests;

/// <summary>encode --threads N codes strips in parallel; the file is the same for every N.</summary>
public sealed class ThreadsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void EncodeWritesTheSameFileWithAnyThreadCount()
    {
        // Three copies of the sample photograph side by side and two rows of them (2304x1024, 2.4 MP): the
        // encoder's default one-megapixel strips give 3 strips, so --threads 2 runs a wave of two and one of one.
        using (Image<Rgb24> photo = Image.Load<Rgb24>(Rsgconv.Kodim23))
        using (var tiled = new Image<Rgb24>(photo.Width * 3, photo.Height * 2))
        {
            for (int i = 0; i < 6; i++)
            {
                tiled.Mutate(c => c.DrawImage(photo, new Point((i % 3) * photo.Width, (i / 3) * photo.Height), 1f));
            }

            tiled.SaveAsPng(_dir["tiled.png"]);
        }

        var files = new List<byte[]>();
        foreach (string threads in new[] { "1", "2", "0" })
        {
            RunResult r = _dir.Run("encode", "tiled.png", $"t{threads}.rsg", "--threads", threads);
            Assert.True(r.ExitCode == 0, r.ToString());
            files.Add(File.ReadAllBytes(_dir[$"t{threads}.rsg"]));
        }

        using JsonDocument info = JsonDocument.Parse(_dir.Run("info", "t1.rsg", "--json").Stdout);
        Assert.Equal(3, info.RootElement.GetProperty("stripCount").GetInt32());
        Assert.True(info.RootElement.GetProperty("regions").GetArrayLength() >= 3); // the default perceptual classes
        Assert.All(files, file => Assert.Equal(files[0], file));
    }
}
