/// Throw-away keys made offline with Python `cryptography` 48 for rejection tests.
/// None of them is used for anything but being refused.
enum TestKeys {
    /// RSA 1024-bit, PKCS#8 (`rsa.generate_private_key(65537, 1024)`): under RSA.minimumBits.
    static let rsa1024PrivatePEM = """
        -----BEGIN PRIVATE KEY-----
        MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBAMGDKGUFhBIa2u0S
        tNc3bm8Yc6I8Txwg60OVJaaVNbg36gL4M4MZGvNpfZ/54lnKLIYRwmp1d3T4oEeF
        My2pcocxfqsnzDC9g8isUu7iff3g+LxIEySzAYzBLlDhM8koTfDm41FCRRtPh74P
        PqayKAsYyctwvox4El2OaZOOqv9xAgMBAAECgYA0IVgldsnwcqmdiheLjtRCO20T
        PHn3UuruBuTgrnuNSArTh/egjofTIQ0FprSSicNazrf4I/LtYPkUq05xM5+1UPdQ
        jNozz4bldvVphfS9s8l3vnFaCBswXFbR2Zx/LFj0R4c+ngkM749xpcBKoGbvZHz/
        LL81dHYkops5AOE3bQJBAP0epIxYneRMqpVcvAAqM7tAwLZJ3yTTszXHL8RtLtqR
        ddoeT4cuHWQzHaieKxqXf8tcTzhVgKyHe35TcqlEugMCQQDDtt/JteM9v8CjbSak
        AHoOLrd2rx7+LMyLdU7IFwYOdK5ub1Z65wpSkOpGujrEMBtPzNBlu3KMQVZBkB+0
        oeB7AkAzxvbl9qKltsEWOJgEeJ2IamCBaW8J+3wnPg2ZYrQ45ZRz/8tI3bgJbSNe
        AKzUjbUIhmN2JJdjs3shhjRoR7S9AkBl8OMv1aW/jBlzBm+SDQ2GRZ8aGq0yB3Oj
        UD7wyc1FylDxBN0utxkRWJourOHfPo97SVtjIffQRlf/XmqlU4vxAkEAzpHIjWrA
        QJUpyn564awWz3VjUZ427MmyDu2W3VPeVo2YXHxd80sMhcxLGsCRN4s2M+81BhSk
        Gvd7skss68yiXw==
        -----END PRIVATE KEY-----
        """

    /// The SPKI of ``rsa1024PrivatePEM``.
    static let rsa1024PublicPEM = """
        -----BEGIN PUBLIC KEY-----
        MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDBgyhlBYQSGtrtErTXN25vGHOi
        PE8cIOtDlSWmlTW4N+oC+DODGRrzaX2f+eJZyiyGEcJqdXd0+KBHhTMtqXKHMX6r
        J8wwvYPIrFLu4n394Pi8SBMkswGMwS5Q4TPJKE3w5uNRQkUbT4e+Dz6msigLGMnL
        cL6MeBJdjmmTjqr/cQIDAQAB
        -----END PUBLIC KEY-----
        """

    /// The modulus of ``rsa1024PrivatePEM``.
    static let rsa1024Modulus = hex(
        "c18328650584121adaed12b4d7376e6f1873a23c4f1c20eb439525a69535b837ea02f83383191af3697d9ff9e259ca2c"
        + "8611c26a757774f8a04785332da97287317eab27cc30bd83c8ac52eee27dfde0f8bc481324b3018cc12e50e133c928"
        + "4df0e6e35142451b4f87be0f3ea6b2280b18c9cb70be8c78125d8e69938eaaff71")

    /// A P-384 key, PKCS#8 (`ec.generate_private_key(SECP384R1())`): the wrong curve for P256.
    static let p384PrivatePEM = """
        -----BEGIN PRIVATE KEY-----
        MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDCBBdiZuPOVnpBpq9Bt
        RLDg/mofR965QvUHjTau059XaIzl3ajMvsqitPavLUJVoZChZANiAAQ4gmvsafnQ
        fqOmvm17GBBT9i0iUSnKOoH0wT9y06FF1q9ECMjM8g/GvYu9ubaCLLRUtMn5qoQ4
        BJ3Pca7AuKyic60M+1mBRf+Z02dNd/dLFC463+n1lmL+AvTSMxOgpsU=
        -----END PRIVATE KEY-----
        """

    /// The SPKI of ``p384PrivatePEM``.
    static let p384PublicPEM = """
        -----BEGIN PUBLIC KEY-----
        MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEOIJr7Gn50H6jpr5texgQU/YtIlEpyjqB
        9ME/ctOhRdavRAjIzPIPxr2Lvbm2giy0VLTJ+aqEOASdz3GuwLisonOtDPtZgUX/
        mdNnTXf3SxQuOt/p9ZZi/gL00jMToKbF
        -----END PUBLIC KEY-----
        """

    /// A P-256 key in the traditional SEC 1 `EC PRIVATE KEY` form, which is not PKCS#8.
    static let p256TraditionalPEM = """
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEILdjiSwKrSmsrHDoP6ksrTLK6K92LAht4NAAAfeyN+EPoAoGCCqGSM49
        AwEHoUQDQgAENo1BgY9F9dTIGz8alzEyy9UMjrFKYGh4QzJNj/VT8emGFcteAPm6
        QVzo9PsgrqZ3FhGTb7988aIMNEZo9oGAPg==
        -----END EC PRIVATE KEY-----
        """
}
