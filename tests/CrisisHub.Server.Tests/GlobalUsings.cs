global using System.Net;
global using System.Net.Http.Json;
global using CrisisHub.Server.Tests.Infrastructure;
