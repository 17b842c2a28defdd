using System.Security.Cryptography;
using System.Text;

namespace CrisisHub.Privacy.Tests;

public sealed class StorageKeyRingTests
{
    private const string Context = "grain-state:cases/case:studentcase/c-1";
    private static readonly StorageKey A = StorageKey.Generate("a");
    private static readonly StorageKey B = StorageKey.Generate("b");

    [Fact]
    public void ASealedTextOpensToItselfNamesItsKeyAndHidesThePlaintext()
    {
        var ring = StorageKeyRing.Of(A);

        var stored = ring.Seal("欧阳测试 +13125550177", Context);

        stored.ShouldStartWith("enc:v1:a:");
        stored.ShouldNotContain("欧阳");
        stored.ShouldNotContain("13125550177");
        ring.Open(stored, Context).ShouldBe("欧阳测试 +13125550177");
        ring.Seal("欧阳测试 +13125550177", Context).ShouldNotBe(stored, "a fresh nonce every time: equal values do not look equal");
        StorageKeyRing.KeyIdOf(stored).ShouldBe("a");
    }

    [Fact]
    public void ALongValueIsDeflatedBeforeSealingAndComesOutSmallerThanItsPlaintext()
    {
        var ring = StorageKeyRing.Of(A);
        var state = "{" + string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"flag{i}\":{{\"signs\":[\"SelfHarm\"],\"note\":\"欧阳测试 said so\"}}")) + "}";

        var stored = ring.Seal(state, Context);

        stored.ShouldStartWith("enc:v2:a:");
        stored.Length.ShouldBeLessThan(state.Length, "deflated, then base64: smaller than the JSON it seals");
        stored.ShouldNotContain("欧阳");
        ring.Open(stored, Context).ShouldBe(state);
        var bytes = Encoding.UTF8.GetBytes(state);
        var sealedBytes = ring.Seal(bytes, Context);
        Encoding.ASCII.GetString(sealedBytes, 0, 9).ShouldBe("enc:v2:a:");
        ring.Open(sealedBytes, Context).ShouldBe(bytes);
        // The version is part of what is authenticated: a compressed value relabelled as plain does not open.
        Should.Throw<CryptographicException>(() => ring.Open("enc:v1:a:" + stored["enc:v2:a:".Length..], Context));
        Should.Throw<CryptographicException>(() => ring.Open("enc:v3:a:" + stored["enc:v2:a:".Length..], Context)).Message.ShouldContain("version 3");
    }

    [Fact]
    public void SealedBytesOpenToThemselves()
    {
        var ring = StorageKeyRing.Of(A);
        var plaintext = Encoding.UTF8.GetBytes("{\"Name\":\"欧阳测试\"}");

        var stored = ring.Seal(plaintext, Context);

        Encoding.ASCII.GetString(stored, 0, 9).ShouldBe("enc:v1:a:");
        stored.AsSpan().IndexOf(plaintext).ShouldBe(-1);
        ring.Open(stored, Context).ShouldBe(plaintext);
    }

    [Fact]
    public void AValueOpensOnlyWhereItWasStored()
    {
        var ring = StorageKeyRing.Of(A);
        var stored = ring.Seal("safety plan", Context);
        var bytes = ring.Seal("safety plan"u8, Context);

        var copied = Should.Throw<CryptographicException>(() => ring.Open(stored, "grain-state:cases/case:studentcase/c-2"));
        copied.Message.ShouldContain("copied from where another record is stored");
        Should.Throw<CryptographicException>(() => ring.Open(bytes, "grain-state:cases/case:studentcase/c-2"));
    }

    [Fact]
    public void AnAlteredValueDoesNotOpen()
    {
        var ring = StorageKeyRing.Of(A);
        var bytes = ring.Seal("note"u8, Context);
        bytes[^1] ^= 1;

        Should.Throw<CryptographicException>(() => ring.Open(bytes, Context));
        Should.Throw<CryptographicException>(() => ring.Open("enc:v1:a:AAAA", Context)).Message.ShouldContain("truncated or altered");
    }

    [Fact]
    public void AValueRelabelledWithAnotherKeyOfTheRingDoesNotOpen()
    {
        var ring = new StorageKeyRing([A, B], "a");
        var stored = ring.Seal("note", Context);

        Should.Throw<CryptographicException>(() => ring.Open("enc:v1:b:" + stored["enc:v1:a:".Length..], Context));
    }

    [Fact]
    public void AnUnknownKeyIdFailsAndNamesTheKey()
    {
        var stored = StorageKeyRing.Of(A).Seal("note", Context);

        var missing = Should.Throw<UnknownStorageKeyException>(() => StorageKeyRing.Of(B).Open(stored, Context));

        missing.KeyId.ShouldBe("a");
        missing.Message.ShouldContain("storage key 'a', which is not in this node's key ring (it holds: b)");
        Should.Throw<UnknownStorageKeyException>(() => StorageKeyRing.Of(B).Open(StorageKeyRing.Of(A).Seal("x"u8, Context), Context));
    }

    [Fact]
    public void DataWrittenBeforeEncryptionReadsAsItIs()
    {
        var ring = StorageKeyRing.Of(A);

        ring.Open("{\"Name\":\"欧阳测试\"}", Context).ShouldBe("{\"Name\":\"欧阳测试\"}");
        ring.Open("Talked with the student", Context).ShouldBe("Talked with the student");
        ring.Open("{\"x\":1}"u8, Context).ShouldBe("{\"x\":1}"u8.ToArray());
        ring.Open((string?)null, Context).ShouldBeNull();
        ring.Seal((string?)null, Context).ShouldBeNull();
    }

    [Fact]
    public void ANewerEnvelopeVersionIsRefusedNotTakenForPlaintext()
    {
        Should.Throw<CryptographicException>(() => StorageKeyRing.Of(A).Open("enc:v9:a:AAAA", Context)).Message.ShouldContain("envelope version 9");
    }

    [Fact]
    public void AfterRotationNewWritesUseTheNewKeyAndOldRecordsStillOpen()
    {
        var before = StorageKeyRing.Of(A).Seal("old note", Context);
        var rotated = new StorageKeyRing([A, B], currentKeyId: "b");

        var after = rotated.Seal("new note", Context);

        StorageKeyRing.KeyIdOf(after).ShouldBe("b");
        rotated.Open(before, Context).ShouldBe("old note");
        rotated.Open(after, Context).ShouldBe("new note");
        // Removing the old key too early: the old record fails loudly, naming it.
        Should.Throw<UnknownStorageKeyException>(() => StorageKeyRing.Of(B).Open(before, Context)).KeyId.ShouldBe("a");
    }

    [Fact]
    public void KeysMustBe256BitsWithIdsTheEnvelopeCanCarry()
    {
        Should.Throw<ArgumentException>(() => new StorageKey("k", new byte[16])).Message.ShouldContain("must be 32 bytes");
        Should.Throw<ArgumentException>(() => new StorageKey("k:1", new byte[32]));
        Should.Throw<ArgumentException>(() => StorageKey.FromBase64("k", "not base64!")).Message.ShouldContain("not base64");
        Should.Throw<ArgumentException>(() => StorageKey.FromBase64("k", "")).Message.ShouldContain("is empty");
        Should.Throw<ArgumentException>(() => new StorageKeyRing([A, A], "a")).Message.ShouldContain("listed twice");
        Should.Throw<ArgumentException>(() => new StorageKeyRing([A], "b")).Message.ShouldContain("'b' is not among the keys");
        StorageKey.FromBase64("k", Convert.ToBase64String(new byte[32])).Id.ShouldBe("k");
    }
}
