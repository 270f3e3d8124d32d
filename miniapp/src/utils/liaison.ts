import { type CampaignDto } from '@safemonth/shared';

/** Does the campaign's liaison form ask anything? */
export function liaisonFormAsks(campaign: CampaignDto): boolean {
  return campaign.liaisonForm.fields.some((field) => field.asked || field.required);
}

/** May I fill in the liaison form of this campaign (for one of the units the server lists)? */
export function canRegisterAsLiaison(campaign: CampaignDto): boolean {
  return campaign.status === 'published' && liaisonFormAsks(campaign) && campaign.liaisonUnits.length > 0;
}
