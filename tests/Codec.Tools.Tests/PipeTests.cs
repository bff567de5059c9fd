using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Tools.Tests;

/// <summary>"-" for standard input and output.</summary>
public sealed class PipeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void EncodeStdinToStdoutEqualsTheFileEncode()
    {
        byte[] png = File.ReadAllBytes(Rsgconv.Kodim23);
        RunResult piped = _dir.RunWithInput(png, "encode", "-", "-");
        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.Contains("<stdin> (768x512", piped.Stderr); // the report goes to stderr, stdout is the data
        Assert.Equal(0, _dir.Run("encode", Rsgconv.Kodim23, "f.rsg").ExitCode);
        Assert.Equal(File.ReadAllBytes(_dir["f.rsg"]), piped.Stdout);
    }

    [Fact]
    public void DecodeStdinToPngOnStdoutAndStreamedPpm()
    {
        Assert.Equal(0, _dir.Run("encode", Rsgconv.Kodim23, "k.rsg").ExitCode);
        byte[] rsg = File.ReadAllBytes(_dir["k.rsg"]);
        RunResult png = _dir.RunWithInput(rsg, "decode", "-", "-");
        Assert.True(png.ExitCode == 0, png.ToString());
        using (Image<Rgb24> image = Image.Load<Rgb24>(png.Stdout))
        {
            Assert.Equal((768, 512), (image.Width, image.Height));
        }

        RunResult ppm = _dir.RunWithInput(rsg, "decode", "-", "-", "--format", "ppm");
        Assert.True(ppm.ExitCode == 0, ppm.ToString());
        string header = "P6\n768 512\n255\n";
        Assert.Equal(header, System.Text.Encoding.ASCII.GetString(ppm.Stdout, 0, header.Length));
        Assert.Equal(header.Length + (768 * 512 * 3), ppm.Stdout.Length);

        // The streamed rows are the same pixels as the PNG decode.
        Assert.Equal(0, _dir.Run("decode", "k.rsg", "k.png").ExitCode);
        using Image<Rgb24> reference = Image.Load<Rgb24>(_dir["k.png"]);
        var pixels = new byte[768 * 512 * 3];
        reference.CopyPixelDataTo(pixels);
        Assert.True(pixels.AsSpan().SequenceEqual(ppm.Stdout.AsSpan(header.Length)));
    }

    [Fact]
    public void GarbageOnStdinIsABadInput()
    {
        RunResult r = _dir.RunWithInput(System.Text.Encoding.ASCII.GetBytes("not an image"), "encode", "-", "-");
        Assert.Equal(3, r.ExitCode);
        Assert.Empty(r.Stdout);
        Assert.StartsWith("rsgconv: <stdin/stdout>: ", r.Stderr);
    }
}
