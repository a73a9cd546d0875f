global using QuantPulse.Dashboard.Extensions;
