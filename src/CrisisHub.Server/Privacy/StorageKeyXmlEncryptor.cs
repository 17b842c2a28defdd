using System.Xml.Linq;
using CrisisHub.Privacy;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace CrisisHub.Server.Privacy;

/// <summary>
/// Seals ASP.NET Core's data-protection keys (they encrypt and sign the sign-in cookies and bearer tokens) with the storage
/// key ring before they are written to the data folder or the cluster's Redis: whoever reads those keys could forge any
/// account's sign-in. Keys written before this existed stay plain until they expire (data protection never rewrites a key).
/// </summary>
public sealed class StorageKeyXmlEncryptor(StorageKeyRing keys) : IXmlEncryptor
{
    public const string ElementName = "sealedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) => new(
        new XElement(ElementName,
            new XComment(" Sealed with CrisisHub's storage key ring (runbooks/key-rotation.md). "),
            new XElement("value", keys.Seal(plaintextElement.ToString(SaveOptions.DisableFormatting), StorageContexts.DataProtectionKey))),
        typeof(StorageKeyXmlDecryptor));
}

/// <summary>
/// Opens what <see cref="StorageKeyXmlEncryptor"/> sealed. Data protection writes this type's full name into every key's
/// XML and creates it by that name (with the service provider) to read the key: the name and namespace are a stored contract.
/// </summary>
public sealed class StorageKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var value = encryptedElement.Element("value")?.Value
            ?? throw new InvalidDataException($"A sealed data-protection key has no <value> in its <{StorageKeyXmlEncryptor.ElementName}>.");
        return XElement.Parse(services.GetRequiredService<StorageKeyRing>().Open(value, StorageContexts.DataProtectionKey));
    }
}
