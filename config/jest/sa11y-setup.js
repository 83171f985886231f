// Registers toBeAccessible() (axe-core rules, as the Salesforce sa11y project configures them) for every LWC test.
import { setup } from '@sa11y/jest';

setup();
