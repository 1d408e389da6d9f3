package org.ltintercom.app.state;

import org.ltintercom.sdk.internal.json.ObjectNode;

/**
 * A provisioned configuration as kept on disk.
 *
 * @param version       the provisioning version it came with (strictly increasing)
 * @param settings      the provisioned sections, as JSON (may hold secrets: the file is mode 0600)
 * @param failedVersion the newest version that was applied and rolled back (0 = none), so that
 *                      the retained message is not re-applied on every reconnect
 */
public record ProvisionedConfig(long version, ObjectNode settings, long failedVersion) {

    public ProvisionedConfig withFailedVersion(long failed) {
        return new ProvisionedConfig(version, settings, Math.max(failedVersion, failed));
    }

    @Override
    public String toString() {
        return "ProvisionedConfig[version=" + version + ", failedVersion=" + failedVersion + ", fields="
                + settings.size() + "]"; // settings may hold secrets
    }
}
