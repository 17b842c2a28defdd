using System.Security.Cryptography;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Sms;

namespace CrisisHub.Privacy.Tests;

public sealed class StoredRecordSealingTests
{
    private readonly StorageKeyRing _keys = StorageKeyRing.Of(StorageKey.Generate("k"));

    private static AuditRecord Record(long sequence) =>
        new(sequence, DateTimeOffset.UnixEpoch, "teacher", "HeadTeacher", "ActionRecorded", "before: 欧阳测试", "after: talked with her", "prev", "hash");

    [Fact]
    public void AnAuditRecordKeepsItsIdsTimesAndHashesAndHidesBeforeAndAfter()
    {
        var record = Record(3);

        var stored = _keys.SealFields("case:c-1", record);

        (stored with { Before = record.Before, After = record.After }).ShouldBe(record);
        stored.Before!.ShouldStartWith("enc:v1:k:");
        stored.After!.ShouldStartWith("enc:v1:k:");
        _keys.OpenFields("case:c-1", stored).ShouldBe(record, "exactly what was hashed, so the chain verifies as before");
        _keys.SealFields("case:c-1", record with { Before = null }).Before.ShouldBeNull();
    }

    [Fact]
    public void AnAuditRecordsFieldsOpenOnlyInItsOwnStreamAndPlace()
    {
        var stored = _keys.SealFields("case:c-1", Record(3));

        Should.Throw<CryptographicException>(() => _keys.OpenFields("case:c-2", stored));
        Should.Throw<CryptographicException>(() => _keys.OpenFields("case:c-1", stored with { Sequence = 4 }));
        Should.Throw<CryptographicException>(() => _keys.OpenFields("case:c-1", stored with { Before = stored.After }));
    }

    [Fact]
    public void ATextHidesItsNumberAndBodyAndKeepsItsIds()
    {
        var text = new LocalText("SM1", "c-1-1-teacher", "+13125550177", "回复 1 4821", DateTimeOffset.UnixEpoch);

        var stored = _keys.SealFields(text);

        (stored.Sid, stored.MessageId, stored.At).ShouldBe((text.Sid, text.MessageId, text.At));
        stored.To.ShouldNotContain("13125550177");
        stored.Body.ShouldNotContain("4821");
        _keys.OpenFields(stored).ShouldBe(text);
        Should.Throw<CryptographicException>(() => _keys.OpenFields(stored with { Sid = "SM2" }));
    }
}
