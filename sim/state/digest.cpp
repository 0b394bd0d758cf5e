// World::digest: a canonical text of the whole state, hashed. Two worlds with equal digests hold
// the same resources, clock, pending events and allocator position. Everything is written in the
// ordered containers' order, so the text (and the hash) is a pure function of the state.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/core/hash.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {
namespace {

void put_image_tasks(fmt::memory_buffer& out, const ImageTasks& tasks) {
  auto o = std::back_inserter(out);
  fmt::format_to(o, "storetasks next={}\n", tasks.next_store_number);
  for (const auto& t : tasks.store) {
    fmt::format_to(o, "store {} {} {} {} {} {} {} {} {} {}", t.number, t.image.str(), t.owner.str(),
                   t.bucket, t.key, t.start, t.end, t.bytes, t.state, t.failure_reason);
    for (const auto& tag : t.object_tags) fmt::format_to(o, " tag:{}={}", tag.key, tag.value);
    if (t.content) {
      for (const auto& [id, s] : t.content->snapshots) fmt::format_to(o, " snap:{}", id.str());
    }
    out.push_back('\n');
  }
  for (const auto& [id, t] : tasks.imports) {
    fmt::format_to(o, "import {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {}", id,
                   static_cast<int>(t.kind), t.owner.str(), t.start, t.end, t.status, t.failure,
                   t.cancelled_at, t.description, t.architecture, t.platform, t.license_type,
                   t.boot_mode, t.role_name, t.encrypted, t.kms_key_id, t.client_token,
                   t.image_id.str());
    for (const auto& d : t.disks) {
      fmt::format_to(o, " disk:{}:{}:{}:{}:{}:{}:{}", d.format, d.bucket, d.key, d.url,
                     d.from_snapshot.str(), d.bytes, d.snapshot_id.str());
    }
    for (const auto& [k, v] : t.tags) fmt::format_to(o, " tag:{}={}", k, v);
    fmt::format_to(o, " seq={}\n", t.seq);
  }
  for (const auto& [id, t] : tasks.exports) {
    fmt::format_to(o, "export {} {} {} {} {} {} {} {} {} {} {} {}", id, t.owner.str(),
                   t.image.str(), t.format, t.bucket, t.prefix, t.role_name, t.description, t.start,
                   t.end, t.status, t.bytes);
    for (const auto& [k, v] : t.tags) fmt::format_to(o, " tag:{}={}", k, v);
    out.push_back('\n');
  }
}

void put_tags(fmt::memory_buffer& out, const Tags& tags) {
  for (const auto& [k, v] : tags) fmt::format_to(std::back_inserter(out), " tag[{}]={}", k, v);
}

// Written only when some account set tags, so worlds without any digest as they always did.
void put_grantee_tags(fmt::memory_buffer& out, const GranteeTags& grantee_tags) {
  for (const auto& [account, tags] : grantee_tags) {
    for (const auto& [k, v] : tags)
      fmt::format_to(std::back_inserter(out), " gtag[{}][{}]={}", account.str(), k, v);
  }
}

void put_data(fmt::memory_buffer& out, const std::shared_ptr<const VolumeData>& data) {
  if (!data) return;
  for (const Extent& e : data->blocks.extents())
    fmt::format_to(std::back_inserter(out), " ext{}+{}@{}", e.first_block, e.block_count,
                   e.version);
  for (const auto& p : data->packages) fmt::format_to(std::back_inserter(out), " pkg:{}", p);
}

void put_image(fmt::memory_buffer& out, const Image& i) {
  auto o = std::back_inserter(out);
  fmt::format_to(o, "image {} {} {} {} {} {} pub={} dep={} prot={} cd={} last={}", i.id.str(),
                 i.owner.str(), i.name, static_cast<int>(i.state), i.creation, i.description,
                 i.is_public, i.deprecation_time.value_or(-1), static_cast<int>(i.protection),
                 i.protection_cooldown_until->value_or(-1), i.last_launched_time->value_or(-1));
  for (const auto& a : i.launch_permissions) fmt::format_to(o, " perm:{}", a.str());
  if (!i.source_image_id->empty())
    fmt::format_to(o, " src:{}@{}", i.source_image_id->str(), i.source_image_region->str());
  if (i.restored_from_s3) fmt::format_to(o, " restored");
  for (const auto& m : i.mappings) {
    fmt::format_to(o, " map:{}", m.device_name);
    if (m.ebs) {
      fmt::format_to(o, ":{}:{}:{}:{}", m.ebs->snapshot_id ? m.ebs->snapshot_id->str() : "",
                     m.ebs->volume_size_gib.value_or(0), m.ebs->delete_on_termination,
                     m.ebs->encrypted);
    }
  }
  put_tags(out, i.tags);
  put_grantee_tags(out, i.grantee_tags);
  out.push_back('\n');
}

void put_instance(fmt::memory_buffer& out, const Instance& i) {
  auto o = std::back_inserter(out);
  fmt::format_to(o, "instance {} {} {} {} {} {} {} launch={} ready={} term={} seq={} ud={}",
                 i.id.str(), i.owner.str(), i.reservation_id.str(), i.zone.str(), i.image_id.str(),
                 i.instance_type, state_code(i.state), i.launch_time, i.ready_at.value_or(-1),
                 i.terminated_at.value_or(-1), i.pending_seq, i.user_data.size());
  fmt::format_to(o, " cpu={}", static_cast<int>(i.cpu_credits));
  fmt::format_to(o, " ami={}|{}|{}|{}", i.image_name, i.image_owner.str(), i.image_owner_alias,
                 i.image_creation);
  // The caller-set attributes, only when one differs from its default (digests of worlds that
  // never set them are unchanged).
  if (i.disable_api_termination || i.disable_api_stop || i.shutdown_terminates || i.ebs_optimized ||
      !i.source_dest_check)
    fmt::format_to(o, " attr={}{}{}{}{}", i.disable_api_termination, i.disable_api_stop,
                   i.shutdown_terminates, i.ebs_optimized, i.source_dest_check);
  // Metadata options and detailed monitoring, only when they differ from EC2's defaults.
  const InstanceMetadataOptions& m = i.metadata_options;
  if (!(m == InstanceMetadataOptions{}))
    fmt::format_to(o, " imds={}{}{}{}:{}:{}", m.tokens_required, m.endpoint_enabled,
                   m.ipv6_endpoint, m.tags_enabled, m.hop_limit,
                   m.changed_while_stopped.value_or(-1));
  if (i.detailed_monitoring) fmt::format_to(o, " monitoring");
  for (const auto& b : i.block_devices)
    fmt::format_to(o, " bd:{}:{}:{}", b.device_name, b.volume_id.str(), b.delete_on_termination);
  fmt::format_to(o, " net:{}:{}:{}:{}:{}", i.vpc_id.str(), i.subnet_id.str(),
                 i.network_interface.str(), i.private_ip, i.public_ip);
  for (const auto& g : i.security_groups) fmt::format_to(o, " sg:{}", g.str());
  for (const auto& p : i.pending_packages) fmt::format_to(o, " pending:{}", p);
  put_tags(out, i.tags);
  out.push_back('\n');
}

void put_volume(fmt::memory_buffer& out, const Volume& v) {
  auto o = std::back_inserter(out);
  fmt::format_to(o, "volume {} {} {} {} {} {}", v.id.str(), v.owner.str(), v.zone.str(), v.size_gib,
                 static_cast<int>(v.state), v.create_time);
  if (v.attachment)
    fmt::format_to(o, " att:{}:{}", v.attachment->instance_id.str(), v.attachment->device);
  put_data(out, v.data);
  put_tags(out, v.tags);
  out.push_back('\n');
}

void put_snapshot(fmt::memory_buffer& out, const Snapshot& s) {
  auto o = std::back_inserter(out);
  fmt::format_to(o, "snapshot {} {} {} {} {} {} {} order={}", s.id.str(), s.owner.str(),
                 s.volume_id.str(), static_cast<int>(s.state), s.start_time, s.completion_time,
                 s.description, s.pool_order);
  for (const auto& a : s.create_volume_permissions) fmt::format_to(o, " perm:{}", a.str());
  if (s.encrypted) fmt::format_to(o, " kms:{}", s.kms_key_id);
  if (!s.source_snapshot_id.empty())
    fmt::format_to(o, " copy:{}@{}:{}:{}", s.source_snapshot_id.str(), s.source_region.str(),
                   s.copy_bytes, s.copied_for_image.str());
  if (s.pool_order != 0) put_data(out, s.data);  // catalogue data is fixed by the fixtures
  fmt::format_to(o, " tier={} ts={} {}:{}:{} {} arch={}:{} rest={}:{}:{}", s.storage_tier,
                 static_cast<int>(s.tiering_state), s.tiering_start_time, s.tiering_done_time,
                 s.tiering_seq, s.is_public, s.archived_at, s.archive_full_bytes,
                 s.restored_full_bytes, s.restore_expiry_time, s.temporary_restore_days);
  if (s.lock)  // issue 17: the snapshot lock (sim/ebs/snapshot_locks.hpp)
    fmt::format_to(o, " lock={}:{}:{}:{}:{}:{}:{}", static_cast<int>(s.lock->mode),
                   s.lock->created_on, s.lock->duration_days, s.lock->duration_start,
                   s.lock->expires_on, s.lock->cool_off_hours, s.lock->cool_off_expires_on);
  put_tags(out, s.tags);
  put_grantee_tags(out, s.grantee_tags);
  out.push_back('\n');
}

void put_mappings(fmt::memory_buffer& out, const std::vector<BlockDeviceMapping>& mappings) {
  auto o = std::back_inserter(out);
  for (const auto& m : mappings) {
    fmt::format_to(o, " map:{}:{}:{}", m.device_name, m.virtual_name.get(), m.no_device);
    if (m.ebs)
      fmt::format_to(
          o, ":{}:{}:{}:{}:{}:{}:{}", m.ebs->snapshot_id ? m.ebs->snapshot_id->str() : "",
          m.ebs->volume_size_gib.value_or(0), m.ebs->volume_type, m.ebs->delete_on_termination,
          m.ebs->encrypted, m.ebs->iops.value_or(0), m.ebs->throughput.value_or(0));
  }
}

void put_launch_template_data(fmt::memory_buffer& out, const LaunchTemplateData& d) {
  auto o = std::back_inserter(out);
  fmt::format_to(o, " ami={} type={} key={} ud={}:{} az={}", d.image_id.value_or("-"),
                 d.instance_type.value_or("-"), d.key_name.value_or("-"),
                 d.user_data ? static_cast<long>(d.user_data->size()) : -1L,
                 fnv1a(d.user_data.value_or("")),
                 d.availability_zone ? d.availability_zone->str() : "-");
  for (const auto& g : d.security_group_ids) fmt::format_to(o, " sgid:{}", g);
  for (const auto& g : d.security_groups) fmt::format_to(o, " sg:{}", g);
  put_mappings(out, d.block_device_mappings);
  for (const auto& spec : d.tag_specifications) {
    fmt::format_to(o, " ts:{}", spec.resource_type);
    for (const auto& t : spec.tags) fmt::format_to(o, ":{}={}", t.key, t.value);
  }
  // Only when one is set (digests of templates without them are unchanged).
  auto flag = [](const std::optional<bool>& b) { return b ? (*b ? '1' : '0') : '-'; };
  if (d.disable_api_termination || d.disable_api_stop || d.shutdown_behavior || d.ebs_optimized)
    fmt::format_to(o, " attr={}{}{}:{}", flag(d.disable_api_termination), flag(d.disable_api_stop),
                   flag(d.ebs_optimized), d.shutdown_behavior.value_or("-"));
  const MetadataOptionsRequest& m = d.metadata_options;
  if (!m.empty() || d.monitoring)
    fmt::format_to(o, " imds={}:{}:{}:{}:{} mon={}", m.http_tokens.value_or("-"),
                   m.hop_limit.value_or(0), m.http_endpoint.value_or("-"),
                   m.http_protocol_ipv6.value_or("-"), m.instance_metadata_tags.value_or("-"),
                   flag(d.monitoring));
}

void put_launch_template(fmt::memory_buffer& out, const LaunchTemplate& lt) {
  auto o = std::back_inserter(out);
  fmt::format_to(o, "lt {} {} {} {} {} default={} next={}", lt.id.str(), lt.owner.str(), lt.name,
                 lt.create_time, lt.created_by, lt.default_version, lt.next_version);
  put_tags(out, lt.tags);
  out.push_back('\n');
  for (const auto& [n, v] : lt.versions) {
    fmt::format_to(o, "ltv {} {} {} {}", lt.id.str(), n, v.create_time, v.description);
    put_launch_template_data(out, v.data);
    out.push_back('\n');
  }
}

void put_security_group(fmt::memory_buffer& out, const SecurityGroup& g) {
  auto o = std::back_inserter(out);
  fmt::format_to(o, "sg {} {} {} {}", g.id.str(), g.owner.str(), g.vpc_id.str(), g.name);
  put_tags(out, g.tags);
  out.push_back('\n');
  for (const SecurityGroupRule& r : g.rules) {
    fmt::format_to(o, "sgr {} {} {} {} {} {} {} {} {} {} {}", r.id.str(), r.is_egress, r.protocol,
                   r.from_port, r.to_port, r.cidr_ipv4, r.cidr_ipv6, r.prefix_list_id,
                   r.referenced_group.str(), r.referenced_owner.str(), r.description);
    put_tags(out, r.tags);
    out.push_back('\n');
  }
}

// The network (sim/state/network.hpp), every field.
void put_network(fmt::memory_buffer& out, const RegionState& r) {
  auto o = std::back_inserter(out);
  for (const auto& [id, v] : r.vpcs) {
    fmt::format_to(o, "vpc {} {} {} {} {} {} {} {} {}", id.str(), v.owner.str(), v.cidr.str(),
                   v.is_default, v.dhcp_options_id, v.cidr_association, v.main_route_table.str(),
                   v.default_acl.str(), v.default_group.str());
    put_tags(out, v.tags);
    out.push_back('\n');
  }
  for (const auto& [id, s] : r.subnets) {
    fmt::format_to(o, "subnet {} {} {} {} {} {} {} {}", id.str(), s.owner.str(), s.vpc.str(),
                   s.zone.str(), s.cidr.str(), s.default_for_az, s.map_public_ip_on_launch,
                   s.acl_association);
    for (auto u : s.used) fmt::format_to(o, " u{}", u);
    put_tags(out, s.tags);
    out.push_back('\n');
  }
  for (const auto& [id, g] : r.internet_gateways) {
    fmt::format_to(o, "igw {} {} {}", id.str(), g.owner.str(),
                   g.attached_to ? g.attached_to->str() : "-");
    put_tags(out, g.tags);
    out.push_back('\n');
  }
  for (const auto& [id, t] : r.route_tables) {
    fmt::format_to(o, "rtb {} {} {} {} {}", id.str(), t.owner.str(), t.vpc.str(), t.main,
                   t.main_association);
    for (const auto& route : t.routes)
      fmt::format_to(o, " route:{}:{}", route.destination.str(), route.gateway_id);
    put_tags(out, t.tags);
    out.push_back('\n');
  }
  for (const auto& [id, a] : r.network_acls) {
    fmt::format_to(o, "acl {} {} {} {}", id.str(), a.owner.str(), a.vpc.str(), a.is_default);
    put_tags(out, a.tags);
    out.push_back('\n');
  }
  for (const auto& [id, n] : r.network_interfaces) {
    fmt::format_to(o, "eni {} {} {} {} {} {} {} {} {} {} {} {} {} {}", id.str(), n.owner.str(),
                   n.subnet.str(), n.vpc.str(), n.zone.str(), n.private_ip, n.mac_address,
                   n.public_ip, n.elastic_ip ? n.elastic_ip->str() : "-", n.wants_public_ip,
                   n.instance ? n.instance->str() : "-", n.attachment_id, n.attach_time,
                   n.delete_on_termination);
    for (const auto& g : n.groups) fmt::format_to(o, " sg:{}", g.str());
    fmt::format_to(o, " d={}", n.description);
    put_tags(out, n.tags);
    out.push_back('\n');
  }
  for (const auto& [id, a] : r.addresses) {
    fmt::format_to(o, "eip {} {} {} {} {}", id.str(), a.owner.str(), a.public_ip,
                   a.interface ? a.interface->str() : "-", a.association_id);
    put_tags(out, a.tags);
    out.push_back('\n');
  }
  fmt::format_to(o, "public-ips {}\n", r.public_ips_issued);
}

// Allowed AMIs (issue 18), only when set (worlds that never use it digest as before): the state
// and every criterion, lists in the caller's order (they are echoed so).
void put_allowed_images(fmt::memory_buffer& out, const AllowedImagesSettings& s) {
  if (s.state == AllowedImagesState::kDisabled && s.criteria.empty()) return;
  auto o = std::back_inserter(out);
  fmt::format_to(o, " allowed={}", static_cast<int>(s.state));
  for (const ImageCriterion& c : s.criteria) {
    fmt::format_to(o, " crit[p={};c={};n={};cd={};dd={}]", fmt::join(c.image_providers, ","),
                   fmt::join(c.marketplace_product_codes, ","), fmt::join(c.image_names, ","),
                   c.max_days_since_created ? *c.max_days_since_created : -1,
                   c.max_days_since_deprecated ? *c.max_days_since_deprecated : -1);
  }
}

void put_region(fmt::memory_buffer& out, const RegionState& r) {
  auto o = std::back_inserter(out);
  fmt::format_to(o, "region {}\n", r.name().str());
  for (const auto& [id, image] : r.images) put_image(out, image);
  for (const auto& [id, instance] : r.instances) put_instance(out, instance);
  for (const auto& [id, volume] : r.volumes) put_volume(out, volume);
  for (const auto& [id, snapshot] : r.snapshots) put_snapshot(out, snapshot);
  for (const auto& [id, k] : r.key_pairs)
    fmt::format_to(o, "key {} {} {} {}\n", id.str(), k.owner.str(), k.name, k.fingerprint);
  for (const auto& [id, g] : r.security_groups) put_security_group(out, g);
  // Reservations and RunInstances ClientTokens: a replay that lost one would answer a retried
  // launch differently, so the digest covers them (amisim-state/3).
  for (const auto& [id, res] : r.reservations) {
    fmt::format_to(o, "reservation {} {}", id.str(), res.owner.str());
    for (const auto& i : res.instances) fmt::format_to(o, " {}", i.str());
    out.push_back('\n');
  }
  for (const auto& [key, token] : r.client_tokens)
    fmt::format_to(o, "runtoken {} {} {} {}\n", key.first.str(), key.second,
                   token.reservation.str(), fnv1a(token.request_digest));
  fmt::format_to(o, "pool-order {}\n", r.next_pool_order);
  for (const auto& [key, token] : r.copies.image_tokens)
    fmt::format_to(o, "copytoken {} {} {} {}\n", key.first.str(), key.second, token.image.str(),
                   token.request_digest);
  for (const auto& [key, version] : r.copies.reencrypted_versions)
    fmt::format_to(o, "reencrypted {} {} {}\n", key.first, key.second, version);
  for (const auto& [id, lt] : r.launch_templates) put_launch_template(out, lt);
  put_image_tasks(out, r.tasks);
  for (const auto& t : r.tier_records)
    fmt::format_to(o, "tier {} {} {} {} {} {}\n", static_cast<int>(t.kind), t.snapshot_id.str(),
                   t.owner.str(), t.at, t.bytes, t.archived_at);
  // The Recycle Bin (sim/state/recycle_bin.hpp): rules, then each binned record with its stay.
  for (const auto& [id, rule] : r.bin.rules) {
    fmt::format_to(o, "rbin-rule {} {} {} {} {} {} {} {} {} {} {}", id, rule.owner.str(),
                   static_cast<int>(rule.resource_type), rule.retention_days, rule.created,
                   rule.active_from, rule.unlock_delay_days.value_or(0), rule.locked,
                   rule.unlock_requested_at.value_or(-1), fnv1a(rule.description),
                   rule.resource_tags.size());
    for (const auto& t : rule.resource_tags)
      fmt::format_to(o, " rt:{}={}", t.key, t.value.value_or("*"));
    for (const auto& t : rule.exclude_resource_tags)
      fmt::format_to(o, " xt:{}={}", t.key, t.value.value_or("*"));
    for (const auto& t : rule.tags) fmt::format_to(o, " tag:{}={}", t.key, t.value);
    out.push_back('\n');
  }
  const auto put_stay = [&](const char* what, const BinStay& stay) {
    fmt::format_to(o, "bin-{} {} {} {} {}\n", what, stay.enter, stay.exit, stay.rule_id,
                   stay.expiry_seq);
  };
  for (const auto& [id, b] : r.bin.images) {
    put_stay("image", b.stay);
    put_image(out, b.image);
  }
  for (const auto& [id, b] : r.bin.snapshots) {
    put_stay("snapshot", b.stay);
    put_snapshot(out, b.snapshot);
  }
  for (const auto& [id, b] : r.bin.volumes) {
    put_stay("volume", b.stay);
    put_volume(out, b.volume);
  }
  // Data Lifecycle Manager policies (sim/state/lifecycle_policy.hpp): what they say (the echoed
  // document stands for the typed details), when they run next, and what they manage.
  for (const auto& [id, p] : r.lifecycle_policies) {
    fmt::format_to(o, "dlm-policy {} {} {} {} {} {} {} {} {} {}", id, p.owner.str(), p.enabled,
                   p.error, fnv1a(p.status_message), fnv1a(p.description),
                   fnv1a(p.execution_role_arn), p.created, p.modified, fnv1a(p.details_document));
    for (const auto& t : p.tags) fmt::format_to(o, " tag:{}={}", t.key, t.value);
    for (std::size_t i = 0; i < p.next_run.size(); ++i)
      fmt::format_to(o, " next:{}@{}", p.next_run[i], i < p.run_seq.size() ? p.run_seq[i] : 0);
    out.push_back('\n');
    for (const auto& m : p.managed)
      fmt::format_to(o, "dlm-managed {} {} {} {} {} {} {} {} {} {} {}\n", m.resource_id,
                     m.region.str(), m.source_id, m.schedule, m.copy_rule, m.created,
                     m.expires.value_or(-1), m.unshare_at.value_or(-1), m.shared,
                     m.deprecated_by_policy, m.archived);
  }
  for (const auto& [account, ar] : r.accounts) {
    fmt::format_to(o, "acct {} {} {} stored={} net={} {}", account.str(), ar.default_vpc.str(),
                   ar.default_group.str(), ar.pool.stored_bytes(), ar.network_created,
                   ar.dhcp_options_id);
    // issue 17: block public access for snapshots (written only when set, so digests of worlds
    // that never use it are unchanged)
    if (ar.snapshot_block_public_access != SnapshotBlockPublicAccess::kUnblocked)
      fmt::format_to(o, " snapbpa={}", static_cast<int>(ar.snapshot_block_public_access));
    // Image block public access, only when set or changing (other worlds digest as before).
    const ImageBlockPublicAccess& bpa = ar.image_block_public_access;
    if (bpa.blocked || bpa.pending)
      fmt::format_to(o, " imagebpa={}:{}:{}:{}", bpa.blocked, bpa.pending ? int(*bpa.pending) : -1,
                     bpa.pending_at, bpa.pending_seq);
    put_allowed_images(out, ar.allowed_images);
    // Instance metadata defaults, only when one is set (other worlds digest as before).
    const InstanceMetadataDefaults& md = ar.metadata_defaults;
    if (!md.empty())
      fmt::format_to(o, " imds={}:{}:{}:{}:{}", md.http_tokens.value_or("-"),
                     md.hop_limit.value_or(0), md.http_endpoint.value_or("-"),
                     md.instance_metadata_tags.value_or("-"),
                     md.http_tokens_enforced.value_or("-"));
    out.push_back('\n');
  }
  put_network(out, r);
}

// Objects carry their bodies' hash, not the bytes; a stored AMI its image and snapshot IDs (the
// rest of a StoredImage is a copy of state made when it was stored, fixed from then on).
void put_object(fmt::memory_buffer& out, const S3Object& obj) {
  auto o = std::back_inserter(out);
  fmt::format_to(o, "object {} {} {} body={:016x} syn={} ct={} lm={}", obj.key, obj.size, obj.etag,
                 fnv1a(obj.body), obj.synthetic, obj.content_type, obj.last_modified);
  for (const auto& [k, v] : obj.metadata) fmt::format_to(o, " meta[{}]={}", k, v);
  if (obj.stored_image) {
    fmt::format_to(o, " stored:{}:{}:{}", obj.stored_image->image.id.str(),
                   obj.stored_image->stored_by.str(), obj.stored_image->stored_at);
    for (const auto& [id, snapshot] : obj.stored_image->snapshots)
      fmt::format_to(o, " snap:{}", id.str());
  }
  out.push_back('\n');
}

void put_bucket(fmt::memory_buffer& out, const Bucket& b) {
  fmt::format_to(std::back_inserter(out), "bucket {} {} {} {}\n", b.name, b.owner.str(),
                 b.region.str(), b.created);
  for (const auto& [key, obj] : b.objects) put_object(out, obj);
}

}  // namespace

std::string World::digest() const {
  fmt::memory_buffer out;
  auto o = std::back_inserter(out);
  fmt::format_to(o, "now {} ids {} {} writes {}\n", now(), ids_.seed(), ids_.counter(),
                 write_version_);
  for (const Event& e : clock_.pending())
    fmt::format_to(o, "event {} {} {} {} {} {}\n", e.at, e.seq, static_cast<int>(e.kind),
                   e.region.str(), e.target, e.detail);
  for (const auto& [id, account] : accounts_) fmt::format_to(o, "account {}\n", id.str());
  for (const auto& [key, status] : region_opt_)
    fmt::format_to(o, "region-opt {} {} {}\n", key.first.str(), key.second.str(),
                   region_opt_status_name(status));
  for (const auto& [account, code] : subscriptions_)
    fmt::format_to(o, "subscription {} {}\n", account.str(), code);
  for (const auto& [name, r] : regions_) put_region(out, r);
  for (const auto& [name, b] : buckets_) put_bucket(out, b);
  meter_.for_each_line([&](const LineGroup& key, const std::string& resource,
                           const LineUsage& line) {
    fmt::format_to(o, "meter {} {} {} {} {}", key.account.str(), key.region.str(), key.usage_type,
                   resource, static_cast<int>(line.charge));
    for (const Segment& seg : line.segments)
      fmt::format_to(o, " [{},{},{},{}]", seg.start, seg.end.value_or(-1), seg.quantity, seg.price);
    out.push_back('\n');
  });
  // Written only when there are any, so a world whose meter retired nothing keeps its digest.
  meter_.for_each_retired(
      [&](const LineGroup& key, const std::string& unit, const std::vector<RetiredDay>& days) {
        fmt::format_to(o, "meter-retired {} {} {} {}", key.account.str(), key.region.str(),
                       key.usage_type, unit);
        for (const RetiredDay& d : days)
          fmt::format_to(o, " [{},{},{}]", d.day, d.cost, d.usage_micro);
        out.push_back('\n');
      });
  return fmt::format("{:016x}", fnv1a(std::string_view(out.data(), out.size())));
}

}  // namespace amisim::sim
