using Lakehouse.CodeFixes;
using Lakehouse.Generators.Analyzers;
using static Lakehouse.Generators.Tests.Verifier;

namespace Lakehouse.Generators.Tests;

/// <summary>Each rule with its exact span and message; code fixes where the fix is mechanical.</summary>
public class AnalyzerTests
{
    [Fact]
    public Task LH1001_ip_literal_in_an_endpoint() => Analyze<EndpointLiteralAnalyzer>("""
        using Lakehouse.Model;
        class Platform
        {
            Endpoint A = Endpoint.Parse({|#0:"http://10.1.2.3:9000"|});
            Endpoint B = new Endpoint("https", {|#1:"192.168.0.10"|}, 443);
            Endpoint C = Endpoint.Parse("https://minio.storage.svc.cluster.local:443");
        }
        """,
        Diagnostic("LH1001").WithLocation(0).WithMessage("'10.1.2.3' is an IP address; use the service's DNS name"),
        Diagnostic("LH1001").WithLocation(1).WithMessage("'192.168.0.10' is an IP address; use the service's DNS name"));

    [Fact]
    public Task LH1001_ip_literal_in_a_host_or_url_parameter_or_property() => Analyze<EndpointLiteralAnalyzer>("""
        class Client
        {
            public string ServerUrl { get; set; } = "";
            static void Connect(string host, int port) { }
            void Run()
            {
                Connect({|#0:"fd00::7"|}, 80);
                ServerUrl = {|#1:"https://172.16.4.4:443"|};
                Connect("db.example.com", 5432);
                var version = "1.42.2";
            }
        }
        """,
        Diagnostic("LH1001").WithLocation(0).WithMessage("'fd00::7' is an IP address; use the service's DNS name"),
        Diagnostic("LH1001").WithLocation(1).WithMessage("'172.16.4.4' is an IP address; use the service's DNS name"));

    [Fact]
    public Task LH1210_wiring_to_an_inferred_component_type_instead_of_a_contract() => Analyze<WiringContractAnalyzer>("""
        using Lakehouse.Model;
        using Lakehouse.Model.Contracts;
        namespace Lakehouse.Model.Contracts
        {
            public interface IContract { }
            public interface ISqlEngine : IContract { }
        }
        namespace Lakehouse.Model
        {
            public class Component { }
            public sealed class Trino : Component, ISqlEngine { }
            public sealed class Superset : Component { }
            public sealed class ConsumerWiring
            {
                public ConsumerWiring To<TContract>(TContract provider) where TContract : class, IContract => this;
            }
            public sealed class PlatformBuilder
            {
                public ConsumerWiring Wire(Component consumer) => new();
            }
        }
        class Platform
        {
            void Define(PlatformBuilder platform, Trino adhoc, Superset superset)
            {
                {|#0:platform.Wire(superset).To(adhoc)|};
                platform.Wire(superset).To<ISqlEngine>(adhoc);
            }
        }
        """,
        Diagnostic("LH1210").WithLocation(0).WithMessage("To<Trino>: 'Trino' is not a contract interface; name the contract the need is of, e.g. To<ISqlEngine>(...)"));

    [Fact]
    public Task LH1006_endpoint_without_port_or_scheme() => Analyze<EndpointLiteralAnalyzer>("""
        using Lakehouse.Model;
        class Platform
        {
            Endpoint A = Endpoint.Parse({|#0:"https://api.example.com"|});
            Endpoint B = Endpoint.Parse({|#1:"api.example.com:443"|});
        }
        """,
        Diagnostic("LH1006").WithLocation(0).WithMessage("endpoint 'https://api.example.com' has no port (expected scheme://dns-name:port)"),
        Diagnostic("LH1006").WithLocation(1).WithMessage("endpoint 'api.example.com:443' has no scheme (expected scheme://dns-name:port)"));

    [Fact]
    public Task LH1006_code_fix_states_the_default_port() => Fix<EndpointLiteralAnalyzer, EndpointPortCodeFix>("""
        using Lakehouse.Model;
        class Platform
        {
            Endpoint A = Endpoint.Parse({|#0:"https://api.example.com/v1"|});
        }
        """, """
        using Lakehouse.Model;
        class Platform
        {
            Endpoint A = Endpoint.Parse("https://api.example.com:443/v1");
        }
        """,
        Diagnostic("LH1006").WithLocation(0).WithMessage("endpoint 'https://api.example.com/v1' has no port (expected scheme://dns-name:port)"));

    [Fact]
    public Task LH1002_secret_shaped_literals_and_credential_names() => Analyze<SecretLiteralAnalyzer>("""
        using Lakehouse.Model;
        class Platform
        {
            string Key = {|#0:"AKIAIOSFODNN7EXAMPLE"|};
            string Url = {|#1:"postgresql://admin:hunter2@db.example.com:5432/x"|};
            public string Password { get; set; } = "";
            static void Login(string user, string token) { }
            void Run()
            {
                Password = {|#2:"hunter2"|};
                Login("admin", {|#3:"abc123"|});
                var reference = new SecretRef("trino-tls", "keystore.pem");
            }
        }
        """,
        Diagnostic("LH1002").WithLocation(0).WithMessage("the literal looks like a cloud access key ID; keep it in a Kubernetes Secret and reference it with SecretRef"),
        Diagnostic("LH1002").WithLocation(1).WithMessage("the literal carries credentials in a URL; keep it in a Kubernetes Secret and reference it with SecretRef"),
        Diagnostic("LH1002").WithLocation(2).WithMessage("'Password' holds a credential; keep it in a Kubernetes Secret and reference it with SecretRef"),
        Diagnostic("LH1002").WithLocation(3).WithMessage("'token' holds a credential; keep it in a Kubernetes Secret and reference it with SecretRef"));

    [Fact]
    public Task LH1002_locals_fields_constants_properties_and_named_arguments_named_like_credentials() => Analyze<SecretLiteralAnalyzer>("""
        using Lakehouse.Model;
        class Platform
        {
            static readonly string Password = {|#0:"s3cr3t"|};
            const string ApiKey = {|#1:"abc123"|};
            private string db_password = {|#2:"hunter2"|};
            public string ClientSecret { get; } = {|#3:"s3cr3t"|};
            public string SecretKey => {|#4:"wJalrXUtnFEMI"|};
            static void Connect(string host, string accessKey = "") { }
            void Run()
            {
                var password = {|#5:"hunter2"|};
                string adminPassword = {|#6:"hunter2"|}, user = "admin";
                Connect("db.example.com", accessKey: {|#7:"minioadmin"|});
            }
        }
        """,
        Diagnostic("LH1002").WithLocation(0).WithMessage("'Password' holds a credential; keep it in a Kubernetes Secret and reference it with SecretRef"),
        Diagnostic("LH1002").WithLocation(1).WithMessage("'ApiKey' holds a credential; keep it in a Kubernetes Secret and reference it with SecretRef"),
        Diagnostic("LH1002").WithLocation(2).WithMessage("'db_password' holds a credential; keep it in a Kubernetes Secret and reference it with SecretRef"),
        Diagnostic("LH1002").WithLocation(3).WithMessage("'ClientSecret' holds a credential; keep it in a Kubernetes Secret and reference it with SecretRef"),
        Diagnostic("LH1002").WithLocation(4).WithMessage("'SecretKey' holds a credential; keep it in a Kubernetes Secret and reference it with SecretRef"),
        Diagnostic("LH1002").WithLocation(5).WithMessage("'password' holds a credential; keep it in a Kubernetes Secret and reference it with SecretRef"),
        Diagnostic("LH1002").WithLocation(6).WithMessage("'adminPassword' holds a credential; keep it in a Kubernetes Secret and reference it with SecretRef"),
        Diagnostic("LH1002").WithLocation(7).WithMessage("'accessKey' holds a credential; keep it in a Kubernetes Secret and reference it with SecretRef"));

    [Fact]
    public Task LH1002_names_references_and_empty_values_are_not_credentials() => Analyze<SecretLiteralAnalyzer>("""
        using Lakehouse.Model;
        class Platform
        {
            const string PasswordSecretName = "trino-password";
            static readonly string Password = nameof(Password);
            const string Token = "";
            string passwordFile = "/etc/secrets/password";
            string secretKey = "${ENV:S3_SECRET_KEY}";
            string topologyKey = "kubernetes.io/hostname";
            string sslKeyPath = "/etc/tls/tls.key";
            SecretRef Ref = new SecretRef(secretName: "trino-password", key: "password");
            SecretRef Positional = new SecretRef("superset-secret-key", "secret-key");
        }
        """);

    [Fact]
    public Task LH1001_ip_addresses_in_every_notation() => Analyze<EndpointLiteralAnalyzer>("""
        using Lakehouse.Model;
        class Platform
        {
            Endpoint A = Endpoint.Parse({|#0:"http://167772161:9000"|});
            Endpoint B = new Endpoint("https", {|#1:"0xA000001"|}, 6443);
            Endpoint C = Endpoint.Parse({|#2:"http://[::1]:80"|});
            const string DatabaseHost = {|#4:"0xA000001"|};
            static readonly string ServerUrl = {|#5:"http://10.1:9000"|};
            string ApiEndpoint => {|#6:"https://[fd00::7]:443"|};
            const string Version = "1.42.2";
            static void Connect(string serverUrl, int replicas) { }
            void Run()
            {
                var minioHost = {|#7:"167772161"|};
                Connect({|#3:"https://012.0.0.1:6443"|}, 167772161);
                Connect("https://api.example.com:6443", 3);
            }
        }
        """,
        Diagnostic("LH1001").WithLocation(0).WithMessage("'167772161' is an IP address; use the service's DNS name"),
        Diagnostic("LH1001").WithLocation(1).WithMessage("'0xA000001' is an IP address; use the service's DNS name"),
        Diagnostic("LH1001").WithLocation(2).WithMessage("'::1' is an IP address; use the service's DNS name"),
        Diagnostic("LH1001").WithLocation(3).WithMessage("'012.0.0.1' is an IP address; use the service's DNS name"),
        Diagnostic("LH1001").WithLocation(4).WithMessage("'0xA000001' is an IP address; use the service's DNS name"),
        Diagnostic("LH1001").WithLocation(5).WithMessage("'10.1' is an IP address; use the service's DNS name"),
        Diagnostic("LH1001").WithLocation(6).WithMessage("'fd00::7' is an IP address; use the service's DNS name"),
        Diagnostic("LH1001").WithLocation(7).WithMessage("'167772161' is an IP address; use the service's DNS name"));

    [Fact]
    public Task LH1003_images_without_tag_or_tagged_latest() => Analyze<ImageTagAnalyzer>("""
        using Lakehouse.Model;
        class Platform
        {
            ContainerImage A = new ContainerImage("trinodb/trino", {|#0:"latest"|});
            ContainerImage B = new ContainerImage("apache/polaris", {|#1:""|});
            string C = {|#2:"bitnami/jmx-exporter:latest"|};
            ContainerImage D = new ContainerImage("trinodb/trino", "480");
        }
        """,
        Diagnostic("LH1003").WithLocation(0).WithMessage("image 'trinodb/trino' is tagged 'latest'; pin a version tag"),
        Diagnostic("LH1003").WithLocation(1).WithMessage("image 'apache/polaris' has no tag; pin a version tag"),
        Diagnostic("LH1003").WithLocation(2).WithMessage("image 'bitnami/jmx-exporter' is tagged 'latest'; pin a version tag"));

    [Fact]
    public Task LH1004_vendor_cloud_sdks() => Analyze<CloudSdkAnalyzer>("""
        {|#0:using Amazon.S3;|}
        using System.Text;
        class Platform
        {
            object Client = new {|#1:Google.Cloud.Storage.V1.StorageClient|}();
        }
        namespace Amazon.S3 { }
        namespace Google.Cloud.Storage.V1 { class StorageClient { } }
        """,
        Diagnostic("LH1004").WithLocation(0).WithMessage("'Amazon.S3' is a vendor cloud SDK; the platform reaches storage through S3-compatible APIs only"),
        Diagnostic("LH1004").WithLocation(1).WithMessage("'Google.Cloud.Storage.V1.StorageClient' is a vendor cloud SDK; the platform reaches storage through S3-compatible APIs only"));

    [Fact]
    public Task LH1004_code_fix_removes_the_using() => Fix<CloudSdkAnalyzer, RemoveCloudSdkUsingCodeFix>("""
        {|#0:using Amazon.S3;|}
        using System.Text;
        class Platform { }
        namespace Amazon.S3 { }
        """, """
        using System.Text;
        class Platform { }
        namespace Amazon.S3 { }
        """,
        Diagnostic("LH1004").WithLocation(0).WithMessage("'Amazon.S3' is a vendor cloud SDK; the platform reaches storage through S3-compatible APIs only"));

    [Fact]
    public Task LH1005_branching_on_the_environment_name() => Analyze<EnvironmentBranchAnalyzer>("""
        using Lakehouse.Model.Configuration;
        class Platform
        {
            int Replicas(EnvironmentConfig env)
            {
                if ({|#0:env.Name == "prod"|}) return 3;
                var size = {|#1:env.Name switch { "dev" => 1, _ => 2 }|};
                if ({|#2:env.Name.StartsWith("stag")|}) return 2;
                var label = "env-" + env.Name;
                return size;
            }
        }
        """,
        Diagnostic("LH1005").WithLocation(0).WithMessage("definitions branch on the environment name; put what differs in env/<name>.yaml and read it from the configuration"),
        Diagnostic("LH1005").WithLocation(1).WithMessage("definitions branch on the environment name; put what differs in env/<name>.yaml and read it from the configuration"),
        Diagnostic("LH1005").WithLocation(2).WithMessage("definitions branch on the environment name; put what differs in env/<name>.yaml and read it from the configuration"));
}
