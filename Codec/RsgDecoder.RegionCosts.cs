using RegionCodec.Container;
using RegionCodec.Decoding;

namespace RegionCodec;

public static partial class RsgDecoder
{
    /// <summary>
    /// Measures what each region of a file cost (spec/rsg.md §17, informative): entropy-decodes every strip,
    /// adding up the information content of each decision by the region of its block, the mask's decisions on
    /// their own, and reports the rest as container and coder overhead, so the lines add up to the file size.
    /// The file is checked as by <see cref="Decode(ReadOnlyMemory{byte}, RsgDecoderOptions?, CancellationToken)"/>
    /// (same <see cref="RsgFormatException"/> rules and offsets), but no pixel is reconstructed, so it is quicker than a decode. Strips are measured one
    /// after another; the normal decode paths are not involved and pay nothing for this.
    /// </summary>
    /// <param name="data">The whole file.</param>
    /// <param name="options">Limits; null for the defaults.</param>
    /// <param name="cancellationToken">Checked between strips.</param>
    public static RsgRegionCosts MeasureRegionCosts(ReadOnlyMemory<byte> data, RsgDecoderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= RsgDecoderOptions.Default;
        ContainerIndex index = ContainerIndex.Read(data, options);
        FrameHeader h = index.Header;
        long[] tallies = new long[StripCostMeasurer.BucketCount(h)];
        long[] pixels = new long[h.RegionCount];
        long payloadBytes = 0, alphaBytes = 0;
        using var measurer = new StripCostMeasurer(h, index.Parser.Regions!);
        using AlphaStripDecoder? alpha = h.HasAlpha ? new AlphaStripDecoder(h, scaleLog2: 0) : null;
        for (int strip = 0; strip < h.StripCount; strip++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            StripChunk chunk = index.Strips[strip];
            measurer.Measure(chunk.PayloadIn(data.Span), chunk.PayloadOffset, strip, tallies, pixels);
            payloadBytes += chunk.PayloadLength;
            if (index.Parser.HasLossless)
            {
                // Lossless samples belong to the region of their mask cell, like the blocks' decisions.
                StripChunk lossless = index.Losslesses[strip];
                measurer.MeasureLossless(lossless.PayloadIn(data.Span), strip, tallies);
                payloadBytes += lossless.PayloadLength;
            }
            if (alpha is not null)
            {
                // The alpha plane is lossless and belongs to no region: its payload is reported whole, after being
                // checked as a decode checks it (R14 at the same offset).
                StripChunk alphaChunk = index.Alphas[strip];
                alpha.DecodePlane(alphaChunk.PayloadIn(data.Span), alphaChunk.PayloadOffset, strip);
                alphaBytes += alphaChunk.PayloadLength;
            }
        }

        return new RsgRegionCosts(index.Info, data.Length, payloadBytes, alphaBytes, tallies, pixels);
    }
}
