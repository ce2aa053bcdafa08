using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HocVuSo.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LinkChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LinkCheckedAt",
                table: "CommunicationItems",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkError",
                table: "CommunicationItems",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "LinkReachable",
                table: "CommunicationItems",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LinkStatus",
                table: "CommunicationItems",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LinkCheckedAt",
                table: "CommunicationItems");

            migrationBuilder.DropColumn(
                name: "LinkError",
                table: "CommunicationItems");

            migrationBuilder.DropColumn(
                name: "LinkReachable",
                table: "CommunicationItems");

            migrationBuilder.DropColumn(
                name: "LinkStatus",
                table: "CommunicationItems");
        }
    }
}
