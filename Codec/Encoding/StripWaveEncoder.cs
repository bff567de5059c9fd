using System.Runtime.ExceptionServices;
using RegionCodec.Memory;

namespace RegionCodec.Encoding;

/// <summary>
/// Codes strips in waves of up to <see cref="Slots"/> consecutive strips, one <see cref="StripEncoder"/> and
/// one payload buffer per slot (created once, reused by every wave). Each wave samples its strips one after
/// another on the calling thread (the pixels are a span, which no worker thread can see), then codes them in
/// parallel. Strips share no coder state, so each payload is byte for byte what a serial encode writes, and
/// at most <see cref="Slots"/> strip payloads are held at once.
/// </summary>
internal sealed class StripWaveEncoder : IDisposable
{
    private readonly FrameHeader _header;
    private readonly StripEncoder[] _encoders;
    private readonly PooledBufferWriter[] _payloads;
    private readonly AlphaStripEncoder[] _alphaEncoders;
    private readonly PooledBufferWriter[] _alphaPayloads;
    private readonly LosslessStripEncoder[] _losslessEncoders;
    private readonly PooledBufferWriter[] _losslessPayloads;
    private readonly Action<int> _codeSlot;
    private CancellationToken _cancellationToken;

    /// <param name="header">The frame being encoded.</param>
    /// <param name="regions">The region table, indexed by label.</param>
    /// <param name="labels">The label map the strips code.</param>
    /// <param name="format">Layout of the source pixels.</param>
    /// <param name="optimizeQuantization">Whether to use rate-aware quantization.</param>
    /// <param name="largeTransforms">How 16x16 luma transforms are chosen.</param>
    /// <param name="maxDegreeOfParallelism">Strips coded at once; 0 or negative: <see cref="Environment.ProcessorCount"/>.</param>
    public StripWaveEncoder(FrameHeader header, RsgRegion[] regions, RsgLabelMap labels, RsgPixelFormat format, bool optimizeQuantization, LargeTransformChoice largeTransforms,
        int maxDegreeOfParallelism)
    {
        _header = header;
        int degree = maxDegreeOfParallelism <= 0 ? Environment.ProcessorCount : maxDegreeOfParallelism;

        // Slots beyond the strip count would only hold idle strip-sized buffers.
        int slots = Math.Clamp(degree, 1, header.StripCount);
        _encoders = new StripEncoder[slots];
        _payloads = new PooledBufferWriter[slots];
        int alphaSlots = header.HasAlpha ? slots : 0;
        _alphaEncoders = new AlphaStripEncoder[alphaSlots];
        _alphaPayloads = new PooledBufferWriter[alphaSlots];
        for (int i = 0; i < slots; i++)
        {
            _encoders[i] = new StripEncoder(header, regions, labels, format, optimizeQuantization, largeTransforms);
            _payloads[i] = new PooledBufferWriter(1 << 16);
        }

        for (int i = 0; i < alphaSlots; i++)
        {
            _alphaEncoders[i] = new AlphaStripEncoder(header, format);
            _alphaPayloads[i] = new PooledBufferWriter(1 << 12);
        }

        int losslessSlots = Lossless.LosslessRegions.Any(regions) ? slots : 0;
        _losslessEncoders = new LosslessStripEncoder[losslessSlots];
        _losslessPayloads = new PooledBufferWriter[losslessSlots];
        for (int i = 0; i < losslessSlots; i++)
        {
            _losslessEncoders[i] = new LosslessStripEncoder(header, regions, labels, format);
            _losslessPayloads[i] = new PooledBufferWriter(1 << 12);
        }

        _codeSlot = CodeSlot;
    }

    /// <summary>Strips per wave.</summary>
    public int Slots => _encoders.Length;

    /// <summary>The first strip of the last wave.</summary>
    public int FirstStrip { get; private set; }

    /// <summary>Strips in the last wave.</summary>
    public int Count { get; private set; }

    /// <summary>Strips in the wave starting at <paramref name="firstStrip"/>.</summary>
    public int WaveLength(int firstStrip) => Math.Min(Slots, _header.StripCount - firstStrip);

    /// <summary>
    /// Samples and codes the wave starting at <paramref name="firstStrip"/> (up to <see cref="Slots"/> strips; <paramref name="pixels"/>
    /// holds at least their rows); returns how many strips it coded. Their payloads stay readable through <see cref="Payload"/> until the next wave.
    /// </summary>
    public int Code(PixelRows pixels, int firstStrip, CancellationToken cancellationToken)
    {
        int count = WaveLength(firstStrip);
        _cancellationToken = cancellationToken; // read by _codeSlot inside the strips (one delegate, allocated once)
        FirstStrip = firstStrip;
        Count = 0;
        for (int slot = 0; slot < count; slot++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _encoders[slot].Sample(pixels, firstStrip + slot);
            if (_header.HasAlpha)
            {
                _alphaEncoders[slot].Sample(pixels, firstStrip + slot);
            }

            if (HasLossless)
            {
                _losslessEncoders[slot].Sample(pixels, firstStrip + slot);
            }
        }

        if (count == 1)
        {
            // Serial encodes and a last wave of one strip: no Parallel.For, no task overhead.
            CodeSlot(0);
        }
        else
        {
            try
            {
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count, CancellationToken = cancellationToken }, _codeSlot);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                // Throw what the serial encoder would have thrown, not a wrapper.
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
        }

        Count = count;
        return count;
    }

    /// <summary>True when the region table has a lossless region: every strip then has a LOSS payload.</summary>
    public bool HasLossless => _losslessEncoders.Length > 0;

    /// <summary>Codes the strip sampled into <paramref name="slot"/>: its colour payload, then its lossless and alpha payloads if any.</summary>
    private void CodeSlot(int slot)
    {
        _encoders[slot].Code(_payloads[slot], _cancellationToken);
        if (HasLossless)
        {
            _losslessEncoders[slot].Code(_losslessPayloads[slot]);
        }

        if (_header.HasAlpha)
        {
            _alphaEncoders[slot].Code(_alphaPayloads[slot]);
        }
    }

    /// <summary>The coded alpha bytes of <paramref name="strip"/> (an image with alpha), which must belong to the last wave.</summary>
    public ReadOnlySpan<byte> AlphaPayload(int strip) => _alphaPayloads[SlotOf(strip)].WrittenSpan;

    /// <summary>The coded lossless samples of <paramref name="strip"/> (a frame with a lossless region), which must belong to the last wave.</summary>
    public ReadOnlySpan<byte> LosslessPayload(int strip) => _losslessPayloads[SlotOf(strip)].WrittenSpan;

    /// <summary>The coded bytes of <paramref name="strip"/>, which must belong to the last wave.</summary>
    public ReadOnlySpan<byte> Payload(int strip) => _payloads[SlotOf(strip)].WrittenSpan;

    private int SlotOf(int strip)
    {
        int slot = strip - FirstStrip;
        if ((uint)slot >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(strip), strip, $"Strip {strip} is not in the last wave ({FirstStrip}..{FirstStrip + Count - 1}).");
        }

        return slot;
    }

    public void Dispose()
    {
        foreach (PooledBufferWriter payload in _payloads)
        {
            payload.Dispose();
        }

        foreach (StripEncoder encoder in _encoders)
        {
            encoder.Dispose();
        }

        foreach (PooledBufferWriter payload in _alphaPayloads)
        {
            payload.Dispose();
        }

        foreach (AlphaStripEncoder encoder in _alphaEncoders)
        {
            encoder.Dispose();
        }

        foreach (PooledBufferWriter payload in _losslessPayloads)
        {
            payload.Dispose();
        }

        foreach (LosslessStripEncoder encoder in _losslessEncoders)
        {
            encoder.Dispose();
        }
    }
}
