using RegionCodec.Alpha;
using RegionCodec.Entropy;
using RegionCodec.Memory;

namespace RegionCodec.Encoding;

/// <summary>
/// Encodes one strip's alpha plane into an ALPH payload (spec/rsg.md §9.4), in the same two steps as
/// <see cref="StripEncoder"/>: <see cref="Sample"/> copies the strip's alpha on the caller's thread,
/// <see cref="Code"/> codes it on any thread. The mirror of <see cref="Decoding.AlphaStripDecoder"/>.
/// </summary>
internal sealed class AlphaStripEncoder : IDisposable
{
    private readonly FrameHeader _header;
    private readonly RsgPixelFormat _format;
    private readonly AlphaContexts _contexts = new();
    private readonly AlphaPlane _plane = new();

    public AlphaStripEncoder(FrameHeader header, RsgPixelFormat format)
    {
        _header = header;
        _format = format;
    }

    /// <summary>Copies strip <paramref name="strip"/>'s alpha samples out of <paramref name="pixels"/>.</summary>
    public void Sample(PixelRows pixels, int strip)
    {
        FrameHeader h = _header;
        _plane.Prepare(h.Width, h.StripRows(strip));
        AlphaSampler.Copy(pixels, _format, h.Width, h.StripTop(strip), _plane.Rows, _plane.Samples);
    }

    /// <summary>Codes the strip last passed to <see cref="Sample"/> into <paramref name="output"/> (cleared first).</summary>
    public void Code(PooledBufferWriter output)
    {
        output.Clear();
        var coder = new RangeEncoder(output);
        _contexts.Reset();
        int rowState = 0;
        for (int y = 0; y < _plane.Rows; y++)
        {
            // CodeRow only reads the row when encoding.
            AlphaRowCoder.CodeRow(ref coder, _contexts, _plane.Above(y), _plane.Row(y), ref rowState);
        }

        coder.Finish();
    }

    public void Dispose() => _plane.Dispose();
}
